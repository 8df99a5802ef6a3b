from django.urls import path

from publishing.caching import public_page

from . import views

app_name = "articles"
urlpatterns = [
    path("", public_page(views.ArticleListView.as_view(), reads=("page",)), name="list"),
    path("search/", public_page(views.ArticleSearchView.as_view(), store=False), name="search"),
    path("feed/", public_page(views.LatestArticlesFeed()), name="feed"),
    path("topics/", public_page(views.TopicListView.as_view()), name="topics"),
    path(
        "topics/<slug:slug>/",
        public_page(views.TopicArticleListView.as_view(), reads=("page",)),
        name="topic",
    ),
    path("<slug:slug>/", public_page(views.ArticleDetailView.as_view()), name="detail"),
]
