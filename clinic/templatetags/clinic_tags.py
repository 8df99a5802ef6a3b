from django import template

from ..artwork import share_image_url

register = template.Library()


@register.inclusion_tag("clinic/_social.html", takes_context=True)
def social_tags(context, title, description, image="", image_alt="", kind="website"):
    """The canonical address and the Open Graph and Twitter tags of a public page. A page without
    a picture of its own gets the share image the site draws from its title."""
    request = context["request"]
    return {
        "clinic": context["clinic"],
        "url": context["site_url"] + request.path,
        "title": title,
        "description": description,
        "image": image or share_image_url(title),
        "image_alt": image_alt if image else "",
        "drawn": not image,
        "kind": kind,
    }
