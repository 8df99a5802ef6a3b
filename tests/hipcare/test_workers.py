from tests.conftest import site_under_gunicorn
from tests.visitor import fetch


def test_a_worker_grown_past_its_memory_limit_is_replaced_without_dropping_a_request(tmp_path):
    log = tmp_path / "server.log"
    with site_under_gunicorn(
        tmp_path, "--workers", "1", "--error-logfile", str(log), WORKER_MAX_MEMORY_MB="1"
    ) as (base, _):
        statuses = [fetch(base + "/exercises/")[0] for _ in range(4)]

    assert statuses == [200] * 4
    assert log.read_text().count("MB; replacing it") >= 3
