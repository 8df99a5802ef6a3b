"""The clinic itself, as staff describe it in the admin: its profile (name, logo, colour, contact
details, hours) and the simple pages it writes (About us, Insurance and fees, ...).

The environment's CLINIC_* settings fill the profile the first time it is read; from then on the
admin is where it changes. Both are public content, so an edit reaches every cached page on every
server on the next request."""

from email.utils import formataddr
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import DatabaseError, IntegrityError, models, transaction
from django.urls import Resolver404, resolve, reverse
from django.utils.dateformat import time_format
from django.utils.functional import cached_property
from markdownx.models import MarkdownxField
from simple_history.models import HistoricalRecords

from publishing.images import (
    full_url,
    largest_copy_url,
    store_renditions,
    strip_metadata,
    validate_image_upload,
)
from publishing.markdown import render_markdown, validate_local_images
from publishing.models import CachedContent, ClinicallyReviewed, Publishable, PublishableQuerySet

from .artwork import make_logo_renditions, validate_logo
from .colours import DEFAULT_BRAND, dark_shades, shades, validate_brand_colour

SHORT_NAME_LIMIT = 12
# Served by the web server or storage rather than by a URL pattern, so `resolve` cannot see them.
RESERVED_SLUGS = {"static", "media"}
https_only = URLValidator(schemes=["https"], message="Enter a full address starting with https://.")


def validate_profile_links(value):
    for line in value.splitlines():
        if line.strip():
            https_only(line.strip())


class ClinicProfile(CachedContent):
    name = models.CharField(max_length=120, help_text="As it appears at the top of every page.")
    short_name = models.CharField(
        max_length=SHORT_NAME_LIMIT,
        blank=True,
        help_text="12 letters at most, shown under the icon on a phone's home screen. Left empty, the "
        "name is used when it fits.",
    )
    email_name = models.CharField(
        "name in emails",
        max_length=60,
        help_text="The sender name and signature of the site's emails. Keep it neutral (e.g. “Riverside "
        "Clinic”): an inbox on a shared screen should not reveal a health matter.",
    )
    logo = models.ImageField(
        upload_to="clinic/",
        blank=True,
        validators=[validate_image_upload, validate_logo],
        help_text="PNG or WebP with a transparent background, under 5 MB. It is shown 48 pixels tall in "
        "the header, and made into the icons a phone shows on its home screen.",
    )
    logo_renditions = models.JSONField(editable=False, default=dict)
    hero_image = models.ImageField(
        "home page photo",
        upload_to="clinic/",
        blank=True,
        validators=[validate_image_upload],
        help_text="A wide, welcoming photo at the top of the home page: the clinic, the team, a patient "
        "at ease (JPEG, PNG or WebP, under 5 MB, at least 1200 pixels wide). Without one, the home "
        "page shows a shape in the brand colour.",
    )
    hero_image_alt = models.CharField(
        "home page photo description",
        max_length=200,
        blank=True,
        help_text="What the photo shows, for people who cannot see it. Required with a photo.",
    )
    hero_image_renditions = models.JSONField(editable=False, default=dict)
    brand_colour = models.CharField(
        max_length=7,
        default=DEFAULT_BRAND,
        validators=[validate_brand_colour],
        help_text="Buttons, links and the phone's title bar, as # and six hex digits. Colours too light "
        "to read white text on are refused, with a darker shade that works.",
    )
    phone = models.CharField(max_length=30, blank=True, help_text="As patients should dial it.")
    email = models.EmailField(blank=True, help_text="Where patients can write to the clinic.")
    street_address = models.CharField(
        max_length=200, blank=True, help_text="e.g. “214 Alder Street, Suite 3”."
    )
    city = models.CharField(max_length=80, blank=True)
    region = models.CharField("state", max_length=40, blank=True, help_text="e.g. “OR”.")
    postal_code = models.CharField("ZIP code", max_length=20, blank=True)
    map_link = models.URLField(
        blank=True,
        help_text="Optional: a link to the clinic on a map. Left empty, the footer links to the address "
        "on OpenStreetMap.",
    )
    insurance = models.CharField(
        "insurance, in a sentence",
        max_length=200,
        blank=True,
        help_text="How patients pay, in plain words, shown near the top of the home page and on the "
        "booking page, e.g. “We take most PPO plans. Out of network? We give you a superbill.”",
    )
    insurance_plans = models.TextField(
        "plans and ways to pay",
        blank=True,
        help_text="Optional: one per line, e.g. “Most PPO plans”, “HSA and FSA cards”. Name only plans "
        "you have checked you are in network with.",
    )
    emergency_number = models.CharField(
        max_length=20, default="911", help_text="Shown first to anyone whose answers need urgent care."
    )
    intro_calls_by = models.CharField(
        "intro calls happen by",
        max_length=10,
        choices=[("phone", "Phone"), ("video", "Video")],
        default="phone",
    )
    front_desk_email = models.EmailField(
        "front desk's address",
        blank=True,
        help_text="Where the site announces new call requests, booked calls, and calls the visitor moved "
        "or cancelled. Left empty, the BOOKING_NOTIFY_EMAIL setting is used.",
    )
    other_profiles = models.TextField(
        "the clinic elsewhere",
        blank=True,
        validators=[validate_profile_links],
        help_text="Links to the clinic's own pages on other sites (a directory listing, a social profile), "
        "one per line. Search engines use them to know these are the same clinic.",
    )
    privacy_before = MarkdownxField(
        "privacy page: your text before",
        blank=True,
        validators=[validate_local_images],
        help_text="Shown above the sections the site writes itself (what each form collects, for how "
        "long, and how to ask for deletion).",
    )
    privacy_after = MarkdownxField(
        "privacy page: your text after",
        blank=True,
        validators=[validate_local_images],
        help_text="Shown below those sections, e.g. your HIPAA notice of privacy practices for patients.",
    )
    privacy_before_html = models.TextField(editable=False, default="")
    privacy_after_html = models.TextField(editable=False, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "clinic profile"

    def __str__(self):
        return self.name

    @classmethod
    def current(cls):
        """The one profile, made from the CLINIC_* settings the first time it is asked for."""
        profile = cls.objects.filter(pk=1).first()
        if profile is not None:
            return profile
        try:
            with transaction.atomic():
                profile = cls.from_settings()
                profile.save(force_insert=True)
                return profile
        except IntegrityError:  # another request made it first
            return cls.objects.get(pk=1)

    @classmethod
    def from_settings(cls):
        defaults = settings.CLINIC
        return cls(
            pk=1,
            name=defaults["name"],
            email_name=defaults["email_name"],
            phone=defaults["phone"],
            email=defaults["email"],
            street_address=defaults["address"],
            emergency_number=defaults["emergency_number"],
            intro_calls_by=defaults["intro_calls_by"],
        )

    @classmethod
    def current_or_defaults(cls):
        """For error pages, which must render while the database cannot: the settings' profile
        then."""
        try:
            return cls.current()
        except DatabaseError:
            return cls.from_settings()

    def save(self, *args, **kwargs):
        self.pk = 1
        self.brand_colour = self.brand_colour.lower()
        self.privacy_before_html = render_markdown(self.privacy_before)
        self.privacy_after_html = render_markdown(self.privacy_after)
        strip_metadata(self.logo)
        if not self.logo:
            self.logo_renditions = {}
        elif self.logo_renditions.get("source") != self.logo.name:
            self.logo_renditions = make_logo_renditions(self.logo)
        strip_metadata(self.hero_image)
        super().save(*args, **kwargs)
        store_renditions(self, "hero_image", "hero_image_renditions")

    def clean(self):
        super().clean()
        if self.hero_image and not self.hero_image_alt.strip():
            raise ValidationError({"hero_image_alt": "Describe the photo for people who cannot see it."})

    @property
    def hero_image_full_url(self):
        return largest_copy_url(self.hero_image_renditions) if self.hero_image_renditions else ""

    @property
    def home_screen_name(self):
        if self.short_name:
            return self.short_name
        return self.name if len(self.name) <= SHORT_NAME_LIMIT else self.name.split()[0][:SHORT_NAME_LIMIT]

    @cached_property
    def colours(self):
        return shades(self.brand_colour)

    @cached_property
    def dark_colours(self):
        return dark_shades(self.brand_colour)

    @property
    def has_own_colour(self):
        return self.brand_colour != DEFAULT_BRAND

    @property
    def address_lines(self):
        region_and_code = " ".join(part for part in (self.region, self.postal_code) if part)
        place = ", ".join(part for part in (self.city, region_and_code) if part)
        return [line for line in (self.street_address, place) if line]

    @property
    def address(self):
        return ", ".join(self.address_lines)

    @property
    def map_url(self):
        if self.map_link:
            return self.map_link
        if not self.address:
            return ""
        return f"https://www.openstreetmap.org/search?query={quote(self.address)}"

    @property
    def insurance_plan_list(self):
        return [line.strip() for line in self.insurance_plans.splitlines() if line.strip()]

    @property
    def profile_links(self):
        return [line.strip() for line in self.other_profiles.splitlines() if line.strip()]

    @property
    def front_desk_address(self):
        """Where the front desk's notices go: the profile's address, else the deployment's."""
        return self.front_desk_email or settings.BOOKING_NOTIFY_EMAIL

    @property
    def sender(self):
        """The From header of the site's emails: the neutral name, the clinic's own address."""
        if not self.email:
            return settings.DEFAULT_FROM_EMAIL
        return formataddr((self.email_name, self.email))

    @property
    def hours_by_days(self):
        """Opening hours with the days that share them joined: [("Monday to Friday", "8:00 am to
        6:00 pm"), ...], days in week order. None for the settings' stand-in on error pages."""
        if self._state.adding:
            return []
        return group_hours(self.opening_hours.all())

    def structured_data(self):
        """schema.org MedicalClinic, for the home page."""
        data = {
            "@context": "https://schema.org",
            "@type": "MedicalClinic",
            "@id": settings.SITE_URL + "/#clinic",
            "name": self.name,
            "url": settings.SITE_URL + "/",
            "medicalSpecialty": "PhysicalTherapy",
        }
        if self.logo_renditions:
            data["logo"] = full_url(self.logo_renditions["icons"][1]["src"])
            data["image"] = data["logo"]
        if self.phone:
            data["telephone"] = self.phone
        if self.email:
            data["email"] = self.email
        if self.address_lines:
            data["address"] = {
                "@type": "PostalAddress",
                "streetAddress": self.street_address,
                "addressLocality": self.city,
                "addressRegion": self.region,
                "postalCode": self.postal_code,
                "addressCountry": "US",
            }
        hours = list(self.opening_hours.all())
        if hours:
            data["openingHoursSpecification"] = [
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": f"https://schema.org/{entry.get_weekday_display()}",
                    "opens": entry.opens.strftime("%H:%M"),
                    "closes": entry.closes.strftime("%H:%M"),
                }
                for entry in hours
            ]
        if self.profile_links:
            data["sameAs"] = self.profile_links
        return data


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class OpeningHours(CachedContent):
    profile = models.ForeignKey(ClinicProfile, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    opens = models.TimeField()
    closes = models.TimeField()

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = "opening hours"
        verbose_name_plural = "opening hours"

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self):
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": "The closing time must be after the opening time."})


def _clock(moment):
    return time_format(moment, "g:i A").lower().replace(":00", "")


def group_hours(entries):
    days_by_times = []
    for entry in entries:
        times = f"{_clock(entry.opens)} to {_clock(entry.closes)}"
        previous = days_by_times[-1] if days_by_times else None
        if previous and previous[1] == times and previous[0][-1].weekday == entry.weekday - 1:
            previous[0].append(entry)
        elif previous and previous[0][-1].weekday == entry.weekday:
            previous[1] = f"{previous[1]}, {times}"
        else:
            days_by_times.append([[entry], times])
    grouped = []
    for days, times in days_by_times:
        first, last = days[0].get_weekday_display(), days[-1].get_weekday_display()
        grouped.append((first if len(days) == 1 else f"{first} to {last}", times))
    return grouped


class PageQuerySet(PublishableQuerySet):
    def in_navigation(self):
        return (
            self.published()
            .filter(models.Q(in_header=True) | models.Q(in_footer=True))
            .only("title", "slug", "in_header", "in_footer", "navigation_order")
        )


class Page(Publishable, ClinicallyReviewed):
    """A page the clinic writes about itself: About us, Insurance and fees, Directions, ..."""

    title = models.CharField(max_length=120)
    slug = models.SlugField(
        unique=True,
        max_length=80,
        help_text="The page's address: “about-us” makes /about-us/. Filled from the title.",
    )
    summary = models.CharField(max_length=160, help_text="One sentence for search engines and link previews.")
    body = MarkdownxField(
        validators=[validate_local_images],
        help_text="Markdown. Start sections with “## ”. The preview shows what patients see.",
    )
    is_health_content = models.BooleanField(
        "is health advice",
        default=False,
        help_text="Tick for pages that give health information (e.g. Conditions we treat): they show "
        "their author and clinical review, and stay out of search engines until a clinician signs "
        "them off.",
    )
    author = models.ForeignKey(
        "clinicians.Clinician",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pages",
        help_text="Required for health advice.",
    )
    in_header = models.BooleanField("in the header menu", default=False)
    in_footer = models.BooleanField("in the footer menu", default=True)
    navigation_order = models.PositiveSmallIntegerField(
        default=10, help_text="Menus list pages from the lowest number to the highest."
    )
    body_html = models.TextField(editable=False, default="")

    history = HistoricalRecords(excluded_fields=["body_html"])
    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["navigation_order", "title"]
        permissions = [("sign_off", "Can sign off a clinical review")]

    def __str__(self):
        return self.title

    def reviewable_text(self):
        return "\n".join([self.title, self.summary, self.body])

    def clean(self):
        super().clean()
        if self.is_health_content and not self.author_id:
            raise ValidationError(
                {"author": "Health advice carries its author: choose the clinician who wrote it."}
            )
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": f"/{self.slug}/ is already a part of the site; choose another address."}
            )
        if self.slug:
            try:
                match = resolve(f"/{self.slug}/")
            except Resolver404:
                return
            if match.url_name != "page":
                raise ValidationError(
                    {"slug": f"/{self.slug}/ is already a part of the site; choose another address."}
                )

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("page", kwargs={"slug": self.slug})

    @property
    def needs_sign_off(self):
        return self.is_health_content

    @classmethod
    def needs_sign_off_q(cls):
        return models.Q(is_health_content=True)

    @property
    def may_be_indexed(self):
        return not self.is_health_content or self.reviewed_on is not None
