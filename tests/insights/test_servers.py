import sqlite3
from concurrent.futures import ThreadPoolExecutor

from tests.conftest import site_under_gunicorn
from tests.visitor import fetch

ARTICLE = "/articles/breathing-and-the-pelvic-floor/"
PHONE = {
    "User-Agent": "Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"
}


def test_views_served_by_several_workers_add_up_to_exactly_the_views(tmp_path):
    with site_under_gunicorn(tmp_path, "--workers", "3", INSIGHTS_FLUSH_SECONDS="1") as (base, database):
        with ThreadPoolExecutor(max_workers=8) as pool:
            statuses = list(pool.map(lambda _: fetch(base + ARTICLE, headers=PHONE)[0], range(60)))
        assert statuses == [200] * 60
    # Stopping the server made each worker write what it still held.

    with sqlite3.connect(database) as connection:
        (total,) = connection.execute(
            "SELECT SUM(count) FROM insights_dailycount WHERE kind = 'view' AND key = ?", [ARTICLE]
        ).fetchone()
    assert total == 60
