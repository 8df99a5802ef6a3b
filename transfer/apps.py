from django.apps import AppConfig


class TransferConfig(AppConfig):
    """Content moving out of the site (a zip of markdown files) and in (that zip, a Webflow CMS
    export, or a folder of markdown files)."""

    name = "transfer"
    verbose_name = "Content export and import"
