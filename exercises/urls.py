from django.urls import path

from publishing.caching import public_page

from . import views

app_name = "exercises"
urlpatterns = [
    path(
        "",
        public_page(views.ExerciseListView.as_view(), reads=("kind", "region", "equipment", "page")),
        name="list",
    ),
    path("my-routine/", public_page(views.RoutineView.as_view(), store=False), name="routine"),
    path("catalog.json", public_page(views.catalog), name="catalog"),
    path("<slug:slug>/", public_page(views.ExerciseDetailView.as_view()), name="detail"),
]
