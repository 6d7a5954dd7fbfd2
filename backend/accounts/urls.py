from django.urls import path

import core.converters  # noqa: F401 - registers the id18 converter

from . import api

auth_urlpatterns = [
    path("me/", api.MeApi.as_view(), name="auth-me"),
    path("login/", api.LoginApi.as_view(), name="auth-login"),
    path("logout/", api.LogoutApi.as_view(), name="auth-logout"),
    path("password/", api.PasswordApi.as_view(), name="auth-password"),
    path("tokens/", api.TokenListCreateApi.as_view(), name="auth-tokens"),
    path("tokens/<id18:token_id>/", api.TokenDetailApi.as_view(), name="auth-token-detail"),
]

user_urlpatterns = [
    path("", api.UserListCreateApi.as_view(), name="user-list"),
    path("<id18:user_id>/", api.UserDetailApi.as_view(), name="user-detail"),
]

agent_urlpatterns = [
    path("", api.AgentListApi.as_view(), name="agent-list"),
]
