"""Accept-Encoding values as browsers, libraries and odd clients send them, each with the encodings
the site makes that it accepts, the site's choice first; none means a plain body."""

import gzip

ACCEPT_ENCODING_TABLE = [
    ("gzip, deflate, br, zstd", ("gzip",)),
    ("gzip, br", ("gzip",)),
    ("BR", ()),
    ("Gzip, Br;Q=0.5", ("gzip",)),
    ("br ; q=0.8 , gzip", ("gzip",)),
    ("gzip;q=0, br", ()),
    ("gzip", ("gzip",)),
    ("GZIP", ("gzip",)),
    ("gzip, br-x", ("gzip",)),
    ("br;q=0, gzip", ("gzip",)),
    ("br;q=0.000, gzip;q=0.001", ("gzip",)),
    ("x-br, gzip;q=1.0", ("gzip",)),
    (" gzip ;q=0.5", ("gzip",)),
    ("", ()),
    ("identity", ()),
    ("*", ()),
    ("deflate", ()),
    ("gzip-x", ()),
    ("x-gzip", ()),
    ("gzip;q=0", ()),
    ("gzip;q=0.", ()),
    ("br;q=0, gzip;q=0.0", ()),
]

DECODERS = {"gzip": gzip.decompress, "": bytes}
