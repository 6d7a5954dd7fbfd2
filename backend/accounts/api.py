"""HTTP views of sign-in, the signed-in user, API tokens, users and agents (CONTRACT §7)."""

from typing import Any

from django.contrib.auth import login, logout
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotAuthenticated
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.schema import error_responses

from .authentication import SessionAuthentication, signed_in_user
from .models import ApiToken
from .permissions import IsAdmin
from .selectors import agent_list, token_list, user_get, user_list
from .serializers import (
    AgentSerializer,
    LoginSerializer,
    MeSerializer,
    NewTokenSerializer,
    PasswordChangeSerializer,
    TokenCreateSerializer,
    TokenSerializer,
    UserCreateSerializer,
    UserSerializer,
    UserUpdateSerializer,
)
from .services import password_change, token_create, token_revoke, user_create, user_update
from .signin import sign_in

NO_CONTENT = OpenApiResponse(description="Done; no body.")


@method_decorator(ensure_csrf_cookie, name="dispatch")
class MeApi(APIView):
    @extend_schema(
        operation_id="auth_me",
        responses={200: MeSerializer, **error_responses(401)},
        summary="Who is signed in; always sets the csrftoken cookie (also with its 401)",
    )
    def get(self, request: Request) -> Response:
        return Response(MeSerializer(request.user).data)


class LoginApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="auth_login",
        request=LoginSerializer,
        responses={200: MeSerializer, **error_responses(400, 403, 429)},
        summary="Sign in the browser: starts a session (needs the X-CSRFToken header)",
    )
    def post(self, request: Request) -> Response:
        # Signing in is the one unsafe request without a session yet: check CSRF anyway,
        # so another site cannot sign a visitor into an account of its choosing.
        SessionAuthentication().enforce_csrf(request)
        serializer = LoginSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = sign_in(request=request._request, **serializer.validated_data)
        login(request._request, user)
        return Response(MeSerializer(user).data)


class LogoutApi(APIView):
    @extend_schema(
        operation_id="auth_logout",
        request=None,
        responses={204: NO_CONTENT, **error_responses(401, 403)},
        summary="Sign out: ends this session, or revokes the token this request carries",
    )
    def post(self, request: Request) -> Response:
        if isinstance(request.auth, ApiToken):
            request.auth.delete()
        else:
            logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PasswordApi(APIView):
    @extend_schema(
        operation_id="auth_password",
        request=PasswordChangeSerializer,
        responses={204: NO_CONTENT, **error_responses(400, 401, 403, 429)},
        summary="Change your own password; your other sessions end and your tokens are revoked",
    )
    def post(self, request: Request) -> Response:
        serializer = PasswordChangeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        password_change(
            request=request._request, user=signed_in_user(request), **serializer.validated_data
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class TokenListCreateApi(APIView):
    def get_permissions(self) -> list[Any]:
        # Scripts create their first token with a username and password, signed out.
        return [AllowAny()] if self.request.method == "POST" else list(super().get_permissions())

    @extend_schema(
        operation_id="auth_tokens_list",
        responses={200: TokenSerializer(many=True), **error_responses(401)},
        summary="Your API tokens (never their secrets)",
    )
    def get(self, request: Request) -> Response:
        return Response(TokenSerializer(token_list(user=signed_in_user(request)), many=True).data)

    @extend_schema(
        operation_id="auth_tokens_create",
        request=TokenCreateSerializer,
        responses={201: NewTokenSerializer, **error_responses(400, 401, 403, 429)},
        summary="Create an API token: with a session or token, or with username and password",
    )
    def post(self, request: Request) -> Response:
        serializer = TokenCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        issued_by = None
        if "username" in data:
            user = sign_in(
                request=request._request, username=data["username"], password=data["password"]
            )
        elif request.user.is_authenticated:
            user = signed_in_user(request)
            issued_by = request.auth if isinstance(request.auth, ApiToken) else None
        else:
            raise NotAuthenticated("Sign in, send a token, or send username and password.")
        token, secret = token_create(
            user=user,
            name=data["name"],
            expires_in_days=data.get("expires_in_days"),
            issued_by=issued_by,
        )
        body = {**TokenSerializer(token).data, "token": secret}
        return Response(body, status=status.HTTP_201_CREATED)


class TokenDetailApi(APIView):
    @extend_schema(
        operation_id="auth_tokens_revoke",
        responses={204: NO_CONTENT, **error_responses(401, 403, 404)},
        summary="Revoke one of your tokens",
    )
    def delete(self, request: Request, token_id: int) -> Response:
        token_revoke(user=signed_in_user(request), token_id=token_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class UserListCreateApi(APIView):
    permission_classes = [IsAdmin]

    @extend_schema(
        operation_id="users_list",
        responses={200: UserSerializer(many=True), **error_responses(401, 403)},
        summary="Every user, active or not (admins)",
    )
    def get(self, request: Request) -> Response:
        return Response(UserSerializer(user_list(), many=True).data)

    @extend_schema(
        operation_id="users_create",
        request=UserCreateSerializer,
        responses={201: UserSerializer, **error_responses(400, 401, 403)},
        summary="Add an agent or admin (admins)",
    )
    def post(self, request: Request) -> Response:
        serializer = UserCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = user_create(**serializer.validated_data)
        return Response(UserSerializer(user).data, status=status.HTTP_201_CREATED)


class UserDetailApi(APIView):
    permission_classes = [IsAdmin]

    @extend_schema(
        operation_id="users_partial_update",
        request=UserUpdateSerializer,
        responses={200: UserSerializer, **error_responses(400, 401, 403, 404)},
        summary="Change a user's name, e-mail, role, password, or deactivate them (admins)",
    )
    def patch(self, request: Request, user_id: int) -> Response:
        user = user_get(user_id=user_id)
        serializer = UserUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = user_update(user=user, actor=signed_in_user(request), **serializer.validated_data)
        return Response(UserSerializer(user).data)


class AgentListApi(APIView):
    @extend_schema(
        operation_id="agents_list",
        responses={200: AgentSerializer(many=True), **error_responses(401)},
        summary="The active agents, by name: the assignee picker",
    )
    def get(self, request: Request) -> Response:
        return Response(AgentSerializer(agent_list(), many=True).data)
