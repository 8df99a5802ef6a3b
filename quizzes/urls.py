from django.urls import path

from . import views

app_name = "quizzes"
urlpatterns = [
    path("", views.QuizListView.as_view(), name="list"),
    path("<slug:slug>/", views.QuizTakeView.as_view(), name="take"),
    path("<slug:slug>/result/", views.QuizResultView.as_view(), name="result"),
]
