from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from home.sitemaps import PageSitemap
from operations.health import healthz
from safeguards import incomplete_posts
from search import views as search_views

# Outside the language prefixes: the admin and document downloads.
urlpatterns = [
    path("django-admin/", admin.site.urls),
    # Ahead of Wagtail's own route, which admin hooks cannot precede
    # (safeguards/incomplete_posts.py).
    path("admin/choose-external-link/", incomplete_posts.external_link),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PageSitemap}}, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("healthz", healthz, name="healthz"),
    path("", include("embeds.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Everything a visitor reads lives under /de/ or /fr/. A bare "/" is answered
# by LocaleMiddleware with a redirect: language cookie, then Accept-Language,
# then LANGUAGE_CODE.
urlpatterns += i18n_patterns(
    # Wagtail serves only paths made of [\w-] segments ending in "/"; files a
    # page offers through RoutablePageMixin (event.ics, email.txt) get here.
    re_path(r"^((?:[\w\-]+/)*[\w\-]+\.(?:ics|txt))$", wagtail_views.serve, name="page_file"),
    path(_("search/"), search_views.search, name="search"),
    path(_("not-yet-translated/<int:page_id>/"), home_views.not_translated, name="not_translated"),
    # Newsletter subscriptions: csrf-exempt posts, so that pages with the form stay cached.
    path("subscription/", include("subscribers.urls")),
    # Event registration: the same, from the cached event pages.
    path("registration/", include("registrations.urls")),
    path("accessibility-feedback/", include("accessibility.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "home.views.page_not_found"
# A database outage gets a 503 in the visitor's language, anything else the 500 page.
handler500 = "operations.database_down.server_error"
