# A local staff login the demo loader creates with DEBUG on, printed on purpose; a server with DEBUG
# off must not have it (see demo/checks.py).
DEMO_USERNAME = "demo"
DEMO_PASSWORD = "hipcare-demo"  # noqa: S105
