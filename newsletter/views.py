import logging

from django.core import signing
from django.db import DatabaseError
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, TemplateView, View

from insights.events import note
from insights.models import DailyCount
from public_forms.forms import is_rate_limited, too_many_requests
from publishing.methods import allow

from . import services
from .forms import SubscribeForm

logger = logging.getLogger(__name__)
SAVE_FAILED = "Oops! Something went wrong while signing you up. Please try again in a minute."


# Signing up only ever sends a confirmation link to the address given, so a forged cross-site post
# achieves nothing a direct post could not. Exempting it lets article pages that carry the form be
# cached without a per-visitor CSRF cookie.
@method_decorator(csrf_exempt, name="dispatch")
# Contact details stay out of error reports.
@method_decorator(sensitive_post_parameters("first_name", "email", "phone"), name="dispatch")
class SubscribeView(FormView):
    http_method_names = ["get", "post", "options"]
    form_class = SubscribeForm
    template_name = "newsletter/subscribe.html"

    def post(self, request, *args, **kwargs):
        if is_rate_limited(request, "newsletter"):
            return too_many_requests(request)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        if form.is_spam():
            return redirect("newsletter:thanks")
        try:
            services.subscriber_request(email=form.cleaned_data["email"])
        except DatabaseError:
            logger.exception("Could not save a newsletter sign-up")
            form.add_error(None, SAVE_FAILED)
            return self.render_to_response(self.get_context_data(form=form), status=503)
        return redirect("newsletter:thanks")


class SubscribeThanksView(TemplateView):
    template_name = "newsletter/thanks.html"


def _link_problem(request, error):
    expired = isinstance(error, signing.SignatureExpired)
    return render(request, "newsletter/bad_link.html", {"expired": expired}, status=400)


@allow("GET")
def confirm(request, token):
    try:
        subscribers = services.subscribers_from_confirm_token(token)
    except signing.BadSignature as error:
        return _link_problem(request, error)
    response = render(request, "newsletter/confirmed.html")
    if services.subscriber_confirm(subscribers):
        note(response, DailyCount.Kind.NEWSLETTER)
    return response


# Mail clients send the one-click unsubscribe (RFC 8058) as a cross-site POST; the signed token is
# the proof of ownership, so no CSRF token is needed.
@method_decorator(csrf_exempt, name="dispatch")
class UnsubscribeView(View):
    def get(self, request, token):
        try:
            services.subscribers_from_unsubscribe_token(token)
        except signing.BadSignature as error:
            return _link_problem(request, error)
        return render(request, "newsletter/unsubscribe.html", {"token": token})

    def post(self, request, token):
        try:
            subscribers = services.subscribers_from_unsubscribe_token(token)
        except signing.BadSignature as error:
            return _link_problem(request, error)
        subscribers.delete()
        return render(request, "newsletter/unsubscribed.html")
