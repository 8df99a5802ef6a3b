import socket
import time

from tests.conftest import site_under_gunicorn
from tests.visitor import fetch


def test_a_worker_grown_past_its_memory_limit_is_replaced_without_dropping_a_request(tmp_path):
    log = tmp_path / "server.log"
    with site_under_gunicorn(
        tmp_path, "--workers", "1", "--error-logfile", str(log), WORKER_MAX_MEMORY_MB="1"
    ) as (base, _):
        # A worker may take the next request before it learns it is over the limit, so requests go
        # on until two replacements have started (the first worker and two more), within a bound.
        statuses = []
        while len(statuses) < 20 and log.read_text().count("Booting worker") < 3:
            statuses.append(fetch(base + "/exercises/")[0])

    assert set(statuses) == {200}
    assert log.read_text().count("Booting worker") >= 3
    assert log.read_text().count("MB; replacing it") >= 2


def test_clients_sending_their_requests_slowly_do_not_stop_the_server_answering_others(tmp_path):
    with site_under_gunicorn(tmp_path, "--workers", "2") as (base, _):
        port = int(base.rsplit(":", 1)[1])
        dawdlers = []
        try:
            for _ in range(6):  # three for each worker
                dawdler = socket.create_connection(("127.0.0.1", port))
                dawdler.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the rest
                dawdlers.append(dawdler)
            time.sleep(0.5)
            started = time.monotonic()
            statuses = [fetch(base + "/exercises/")[0] for _ in range(4)]
            waited = time.monotonic() - started
        finally:
            for dawdler in dawdlers:
                dawdler.close()

    assert statuses == [200] * 4 and waited < 10
