"""Reading a page as search engines and link previews do: with an extractor, not a regex."""

import extruct


def structured_items(html, url="http://testserver/"):
    """Every schema.org item in the page's JSON-LD, graphs flattened."""
    blocks = extruct.extract(html, base_url=url, syntaxes=["json-ld"])["json-ld"]
    return [item for block in blocks for item in block.get("@graph", [block])]


def the_item(html, schema_type):
    matches = [item for item in structured_items(html) if item.get("@type") == schema_type]
    assert len(matches) == 1, f"{len(matches)} items of type {schema_type}"
    return matches[0]


def open_graph(html, url="http://testserver/"):
    """The page's Open Graph properties, as {property: value}."""
    found = extruct.extract(html, base_url=url, syntaxes=["opengraph"])["opengraph"]
    return dict(found[0]["properties"]) if found else {}
