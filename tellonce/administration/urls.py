from django.urls import path

from tellonce.administration.views import invitations, log, organisations, users

app_name = "administration"
urlpatterns = [
    path("", log.home, name="home"),
    path("log/", log.log, name="log"),
    path("users/", users.users, name="users"),
    path("users/invite/", users.invite, name="invite"),
    path("users/<int:pk>/", users.user, name="user"),
    path("users/<int:pk>/change/", users.change, name="user-change"),
    path("users/<int:pk>/deactivate/", users.deactivate, name="user-deactivate"),
    path("users/<int:pk>/reactivate/", users.reactivate, name="user-reactivate"),
    path("users/<int:pk>/invitation/resend/", users.resend, name="user-resend"),
    path("users/<int:pk>/invitation/cancel/", users.cancel, name="user-cancel"),
    path("users/<int:pk>/unlock/", users.unlock, name="user-unlock"),
    path("users/<int:pk>/reset-two-factor/", users.reset_two_factor, name="user-reset-two-factor"),
    path("users/<int:pk>/caseload/", users.caseload, name="user-caseload"),
    path("invitation/<str:token>/", invitations.accept, name="accept"),
    path("council/", organisations.council, name="council"),
    path("teams/", organisations.teams, name="teams"),
    path("teams/add/", organisations.team, name="team-add"),
    path("teams/<int:pk>/", organisations.team, name="team"),
    path("localities/", organisations.localities, name="localities"),
    path("localities/add/", organisations.locality, name="locality-add"),
    path("localities/<int:pk>/", organisations.locality, name="locality"),
    path("health-providers/", organisations.providers, name="providers"),
    path("health-providers/add/", organisations.provider, name="provider-add"),
    path("health-providers/<int:pk>/", organisations.provider, name="provider"),
    path("settings/", organisations.settings_list, name="settings"),
    path("settings/add/", organisations.setting, name="setting-add"),
    path("settings/upload/", organisations.gias, name="gias"),
    path("settings/<int:pk>/", organisations.setting, name="setting"),
]
