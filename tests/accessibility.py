"""axe-core settings shared by the browser tests and `make audit`, so both hold pages to the same rules."""

# axe leaves WCAG 2.2's minimum target size (2.5.8, level AA) off unless asked.
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}
