"""`make screenshots`: every page type at phone (390 px) and laptop (1366 px) width, in light and
dark mode, as the site serves them in production with the demo content, written to
docs/screenshots/ so a change to the look is reviewed by looking.

Each picture is the first screen a visitor sees (what decides whether a page looks finished), as
WebP, so the set stays small enough to keep in the repository.
"""

import os
import shutil
import sys
from io import BytesIO
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
OUTPUT = PROJECT / "docs" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

sys.path.insert(0, str(PROJECT))
from bench.audit import quiz_result_path  # noqa: E402 - sets the production environment first
from bench.run import ENV, PAGE_TYPES, WORKDIR, prepare, start_proxy, start_server  # noqa: E402
from tests.browser.conftest import CHROMIUM_ARGS  # noqa: E402

PAGES = [
    *PAGE_TYPES,
    ("team", "/team/"),
    ("clinician", "/team/maya-lindqvist/"),
    ("clinic page", "/about-us/"),
    ("privacy", "/privacy/"),
    ("not found", "/no-such-page/"),
]
SCREENS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1366, "height": 800}}
SCHEMES = ("light", "dark")


def file_name(page, screen, scheme):
    return f"{page.replace(' ', '-')}-{screen}-{scheme}.webp"


def shoot(base, pages):
    from PIL import Image
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for screen, viewport in SCREENS.items():
            for scheme in SCHEMES:
                context = browser.new_context(viewport=viewport, color_scheme=scheme, base_url=base)
                page = context.new_page()
                for name, path in pages:
                    page.goto(path, wait_until="networkidle")
                    with Image.open(BytesIO(page.screenshot())) as shot:
                        shot.save(OUTPUT / file_name(name, screen, scheme), "WEBP", quality=60, method=6)
                context.close()
        browser.close()


def write_index(pages):
    rows = [
        f"| {name} | "
        + " | ".join(
            f"![{name}, {screen}, {scheme}]({file_name(name, screen, scheme)})"
            for screen in SCREENS
            for scheme in SCHEMES
        )
        + " |"
        for name, _ in pages
    ]
    header = " | ".join(f"{screen}, {scheme}" for screen in SCREENS for scheme in SCHEMES)
    (OUTPUT / "README.md").write_text(
        "# What each page type looks like\n\n"
        "The first screen of every page type with the demo content, at phone and laptop width, in light and "
        "dark mode. `make screenshots` writes them again; look at them beside any change to the look.\n\n"
        f"| page | {header} |\n| --- |{' --- |' * len(SCREENS) * len(SCHEMES)}\n" + "\n".join(rows) + "\n"
    )


def main():
    prepare()
    server, app = start_server()
    # Behind the shipped nginx, as in production: the site itself serves no /media/ with DEBUG off,
    # and without it every uploaded or demo picture would show as a broken image.
    proxy, base = start_proxy(app, WORKDIR / "nginx", media_root=ENV["MEDIA_ROOT"])
    try:
        pages = [*PAGES, ("quiz result", quiz_result_path(base))]
        shutil.rmtree(OUTPUT, ignore_errors=True)
        OUTPUT.mkdir(parents=True)
        shoot(base, pages)
        write_index(pages)
    finally:
        proxy.terminate()
        proxy.wait()
        server.terminate()
        server.wait()
    total = sum(path.stat().st_size for path in OUTPUT.glob("*.webp"))
    print(f"{len(pages) * len(SCREENS) * len(SCHEMES)} screenshots in {OUTPUT} ({total / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
