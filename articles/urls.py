from django.urls import path

from . import views

app_name = "articles"
urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("search/", views.ArticleSearchView.as_view(), name="search"),
    path("feed/", views.LatestArticlesFeed(), name="feed"),
    path("topics/<slug:slug>/", views.TopicArticleListView.as_view(), name="topic"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
]
