"""The import's report as the command prints it and the admin's upload page shows it."""


def report_text(report, sections, *, dry_run):
    """`report` from the importer, `sections` (heading, lines) from the source."""
    out = []
    if dry_run:
        out.append("Dry run: nothing was changed. This is what would happen.")
    for title, lines in (
        ("Created (drafts awaiting clinical review)" if not dry_run else "Would create", report.created),
        ("Updated" if not dry_run else "Would update", report.updated),
        ("Skipped", report.skipped),
        ("Problems", report.problems),
        ("Pictures to upload", report.missing_images),
        *sections,
    ):
        if lines:
            out.append(f"\n{title} ({len(lines)}):")
            out.extend(f"  - {line}" for line in lines)
    if report.redirects:
        out.append(
            "\nOld addresses that redirect permanently to the new ones (Redirects in the admin; "
            "each answers once its page is published):"
        )
        out.extend(f"  {old} -> {new}" for old, new in report.redirects)
    out.append(
        f"\n{len(report.created)} created, {len(report.updated)} updated, {len(report.unchanged)} unchanged, "
        f"{len(report.skipped)} skipped, {len(report.problems)} problem(s)."
    )
    return "\n".join(out)
