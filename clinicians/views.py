from django.views.generic import DetailView, ListView

from .models import Clinician


class TeamView(ListView):
    queryset = Clinician.objects.filter(on_team_page=True, is_published=True)
    template_name = "clinicians/team.html"
    context_object_name = "clinicians"


class ClinicianView(DetailView):
    queryset = Clinician.objects.filter(is_published=True)
    template_name = "clinicians/clinician.html"

    def get_context_data(self, **kwargs):
        clinician = self.object
        return super().get_context_data(
            structured_data={
                "@context": "https://schema.org",
                "@type": "ProfilePage",
                "mainEntity": clinician.schema_person,
            },
            written=clinician.articles.published().only("title", "slug", "summary", "published_at"),
            reviewed=clinician.article_reviews.published()
            .exclude(author=clinician)
            .only("title", "slug", "summary", "published_at"),
            **kwargs,
        )
