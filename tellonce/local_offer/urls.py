from django.urls import path

from tellonce.local_offer.views import changes, manage, providers, public, thesaurus

app_name = "local_offer"
urlpatterns = [
    path("local-offer/", public.home, name="home"),
    path("local-offer/search/", public.results, name="search"),
    path("local-offer/types/<slug:code>/", public.category, name="category"),
    path("local-offer/services/<uuid:pk>/", public.service_detail, name="service"),
    path("local-offer/services/<uuid:pk>/refer/", public.refer, name="refer"),
    path("local-offer/services/<uuid:pk>/refer/sent/", public.referral_sent, name="referral-sent"),
    path("local-offer/services/<uuid:pk>/report/", public.report, name="report"),
    path("local-offer/comments/", public.comment, name="comment"),
    path("local-offer/listings/", providers.my_listings, name="my-listings"),
    path("local-offer/listings/new/<uuid:provider_pk>/", providers.add, name="add"),
    path("local-offer/listings/<uuid:pk>/", providers.edit, name="edit"),
    path("local-offer/listings/<uuid:pk>/checked/", providers.confirm_checked, name="checked"),
    path("local-offer/listings/<uuid:pk>/versions/", changes.history, name="history"),
    path("local-offer/referrals/", providers.referrals, name="referrals"),
    path("local-offer/referrals/<uuid:pk>/", providers.referral, name="referral"),
    path("local-offer/manage/", manage.dashboard, name="manage"),
    path("local-offer/manage/changes/", changes.changes, name="changes"),
    path("local-offer/manage/changes/<uuid:pk>/", changes.change, name="change"),
    path("local-offer/manage/due-a-check/", manage.stale, name="stale"),
    path("local-offer/manage/reports/", manage.reports, name="reports"),
    path("local-offer/manage/reports/<uuid:pk>/", manage.report, name="report-item"),
    path("local-offer/manage/comments/", manage.comments, name="comments"),
    path("local-offer/manage/comments/<uuid:pk>/", manage.comment, name="comment-item"),
    path("local-offer/manage/comments/<uuid:pk>/publish/", manage.publish, name="publish"),
    path("local-offer/manage/thesaurus/", thesaurus.thesaurus, name="thesaurus"),
    path("local-offer/manage/thesaurus/new/", thesaurus.thesaurus_entry, name="thesaurus-new"),
    path("local-offer/manage/thesaurus/<uuid:pk>/", thesaurus.thesaurus_entry, name="thesaurus-entry"),
    path("local-offer/manage/searches/", thesaurus.unmatched, name="unmatched"),
    path("local-offer/manage/searches/<int:pk>/", thesaurus.add_synonym, name="add-synonym"),
]
