from django.conf import settings


def clinic(request):
    return {"clinic": settings.CLINIC, "site_url": settings.SITE_URL}
