import logging

from django.core import signing
from django.db import DatabaseError
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, TemplateView, View

from public_forms.forms import PressForm
from public_forms.guard import guarded_post
from publishing.events import CountedEvent, record

from . import services
from .forms import SubscribeForm

logger = logging.getLogger(__name__)
SAVE_FAILED = "Oops! Something went wrong while signing you up. Please try again in a minute."


def answered_as_sent(request, *args, **kwargs):
    return redirect("newsletter:thanks")


def one_more_step(request):
    """A sign-up from a page any cache may keep (every article carries the form) comes with no
    token: this page shows the address again with a fresh one, to send with one press, or first
    says what to fix in it (an empty or mistyped address)."""
    form = SubscribeForm(request.POST, token=SubscribeForm.PRESS)
    return render(request, "newsletter/subscribe.html", {"form": form, "one_more_step": form.is_valid()})


# Signing up only ever sends a confirmation link to the address given, so a forged cross-site post
# achieves nothing a direct post could not. Exempting it lets article pages that carry the form be
# cached without a per-visitor CSRF cookie.
@method_decorator(csrf_exempt, name="dispatch")
# Contact details stay out of error reports.
@method_decorator(sensitive_post_parameters("first_name", "email", "phone"), name="dispatch")
@method_decorator(
    guarded_post("newsletter", caught=answered_as_sent, tokenless=one_more_step), name="dispatch"
)
class SubscribeView(FormView):
    http_method_names = ["get", "post", "options"]
    form_class = SubscribeForm
    template_name = "newsletter/subscribe.html"

    def form_valid(self, form):
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


def link_page_again(request, token):
    return redirect(request.path)


# Mail scanners open links, even with HEAD: following the link only shows a button, and pressing it
# confirms.
@method_decorator(
    guarded_post("newsletter-link", caught=link_page_again, link=services.subscriber_number), name="dispatch"
)
class ConfirmView(View):
    def get(self, request, token):
        return self.page(request, token, PressForm())

    def post(self, request, token):
        form = PressForm(request.POST)
        if not form.is_valid():
            return self.page(request, token, form)
        try:
            subscribers = services.subscribers_from_confirm_token(token)
        except signing.BadSignature as error:
            return _link_problem(request, error)
        if services.subscriber_confirm(subscribers):
            record(request, CountedEvent.NEWSLETTER)
        return render(request, "newsletter/confirmed.html")

    def page(self, request, token, form):
        try:
            services.subscribers_from_confirm_token(token)
        except signing.BadSignature as error:
            return _link_problem(request, error)
        return render(request, "newsletter/confirm.html", {"token": token, "form": form})


def one_click_unsubscribe(request, token):
    """Mail clients unsubscribe with one click (RFC 8058) by posting `List-Unsubscribe=One-Click` to
    the link, with no form of ours: the signed link is the proof of ownership."""
    if request.POST.get("List-Unsubscribe") != "One-Click":
        return link_page_again(request, token)
    return UnsubscribeView().unsubscribe(request, token)


# Mail clients send the one-click unsubscribe as a cross-site POST, so no CSRF token is needed.
@method_decorator(csrf_exempt, name="dispatch")
@method_decorator(
    guarded_post(
        "newsletter-link",
        caught=link_page_again,
        tokenless=one_click_unsubscribe,
        link=services.subscriber_number,
    ),
    name="dispatch",
)
class UnsubscribeView(View):
    def get(self, request, token):
        return self.page(request, token, PressForm())

    def post(self, request, token):
        form = PressForm(request.POST)
        if not form.is_valid():
            return self.page(request, token, form)
        return self.unsubscribe(request, token)

    def unsubscribe(self, request, token):
        try:
            subscribers = services.subscribers_from_unsubscribe_token(token)
        except signing.BadSignature as error:
            return _link_problem(request, error)
        subscribers.delete()
        return render(request, "newsletter/unsubscribed.html")

    def page(self, request, token, form):
        try:
            services.subscribers_from_unsubscribe_token(token)
        except signing.BadSignature as error:
            return _link_problem(request, error)
        return render(request, "newsletter/unsubscribe.html", {"token": token, "form": form})
