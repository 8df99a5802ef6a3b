"""Accept-Encoding values as browsers, libraries and odd clients send them, each with the encodings
the site makes that it accepts, the site's choice first; none means a plain body."""

import gzip

import brotli

ACCEPT_ENCODING_TABLE = [
    ("gzip, deflate, br, zstd", ("br", "gzip")),
    ("gzip, br", ("br", "gzip")),
    ("BR", ("br",)),
    ("Gzip, Br;Q=0.5", ("br", "gzip")),
    ("br ; q=0.8 , gzip", ("br", "gzip")),
    ("gzip;q=0, br", ("br",)),
    ("gzip", ("gzip",)),
    ("GZIP", ("gzip",)),
    ("gzip, br-x", ("gzip",)),
    ("br;q=0, gzip", ("gzip",)),
    ("br;q=0.000, gzip;q=0.001", ("gzip",)),
    ("x-br, gzip;q=1.0", ("gzip",)),
    ("", ()),
    ("identity", ()),
    ("*", ()),
    ("deflate", ()),
    ("br-x", ()),
    ("x-gzip", ()),
    ("gzip;q=0", ()),
    ("gzip;q=0.", ()),
    ("br;q=0, gzip;q=0.0", ()),
]

DECODERS = {"br": brotli.decompress, "gzip": gzip.decompress, "": bytes}
