"""Pictures an import names by address, downloaded as carefully as an upload is checked.

Only http and https, only public addresses: a name is resolved first and every address it gives
must be public (never private, loopback, link-local, multicast or reserved), the connection goes to
the address that was checked (a second lookup could answer differently), and each redirect is
checked again the same way. A picture is read no further than the 5 MB an upload may be, then goes
through the upload's own checks and is stored re-encoded without its metadata.
"""

import http.client
import ipaddress
import socket
import ssl
import time
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError

from publishing.images import MAX_UPLOAD_BYTES

from .importer import clean_image

MAX_REDIRECTS = 3
TIMEOUT_SECONDS = 10
DEADLINE_SECONDS = 30


class Refused(Exception):
    """Why a picture could not be brought in, in words for the report."""


def public_address(host, port):
    """An address for `host` that the import may connect to, or Refused saying why not."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise Refused(f"{host} cannot be found ({error})") from error
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in found]
    addresses = [getattr(address, "ipv4_mapped", None) or address for address in addresses]
    for address in addresses:
        if str(address) in settings.IMPORT_PICTURES_ALSO_FROM:
            continue
        if not address.is_global or address.is_multicast:
            raise Refused(f"{host} is a private or local address ({address}), not a public one")
    return str(addresses[0])


class CheckedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host, port, address, **options):
        super().__init__(host, port, **options)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class CheckedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, address, **options):
        super().__init__(host, port, context=ssl.create_default_context(), **options)
        self.address = address

    def connect(self):
        raw = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)


def download(url):
    """The bytes at `url`, following at most a few redirects, each checked; Refused otherwise."""
    for _ in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise Refused(f"only http and https addresses are fetched, not “{parts.scheme or url}”")
        if not parts.hostname:
            raise Refused("the address names no host")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        address = public_address(parts.hostname, port)
        connection_class = CheckedHTTPSConnection if parts.scheme == "https" else CheckedHTTPConnection
        connection = connection_class(parts.hostname, port, address, timeout=TIMEOUT_SECONDS)
        try:
            connection.request(
                "GET", (parts.path or "/") + (f"?{parts.query}" if parts.query else ""),
                headers={"User-Agent": "content-import", "Accept": "image/*"},
            )  # fmt: skip
            response = connection.getresponse()
            if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
                url = urljoin(url, response.getheader("Location"))
                continue
            if response.status != 200:
                raise Refused(f"the server answered {response.status} {response.reason}")
            declared = response.getheader("Content-Length")
            if declared and declared.isdigit() and int(declared) > MAX_UPLOAD_BYTES:
                raise Refused("larger than the 5 MB a picture may be")
            data = read_within(response, time.monotonic() + DEADLINE_SECONDS)
        except (OSError, http.client.HTTPException) as error:
            raise Refused(f"could not be downloaded ({error})") from error
        finally:
            connection.close()
        if len(data) > MAX_UPLOAD_BYTES:
            raise Refused("larger than the 5 MB a picture may be")
        return data
    raise Refused(f"more than {MAX_REDIRECTS} redirects")


def read_within(response, deadline):
    """The body, up to one byte past the most a picture may be, unless it is still arriving at
    `deadline`: a server that sends a byte every few seconds never trips a socket's timeout."""
    chunks, size = [], 0
    while size <= MAX_UPLOAD_BYTES:
        if time.monotonic() > deadline:
            raise Refused(f"still arriving after {DEADLINE_SECONDS} seconds")
        chunk = response.read1(64 * 1024)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def fetch_picture(url):
    """(bytes without metadata, extension) of the picture at `url`, or Refused saying why not."""
    data = download(url)
    try:
        return clean_image(data, urlsplit(url).path.rsplit("/", 1)[-1] or "picture")
    except ValidationError as error:
        raise Refused(" ".join(error.messages)) from error
