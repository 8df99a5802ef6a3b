from django.urls import path

from publishing.caching import public_page

from . import views

app_name = "quizzes"
urlpatterns = [
    path("", public_page(views.QuizListView.as_view()), name="list"),
    path("<slug:slug>/", public_page(views.QuizTakeView.as_view()), name="take"),
    path("<slug:slug>/result/", views.QuizResultView.as_view(), name="result"),
]
