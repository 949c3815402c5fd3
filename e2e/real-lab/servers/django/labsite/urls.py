"""
The lab site's addresses. The views are success handlers only: each answers the signed-in case,
and the frameworks' authentication and permission classes refuse everything else.
"""
import os

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import include, path, re_path
from django.views.static import serve
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.permissions import IsAdminUser, IsAuthenticated
from rest_framework.response import Response
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.views import TokenObtainPairView

from .settings import LAB_DIR


@api_view(["GET"])
def me(request):
    return Response({"user": request.user.username})


@api_view(["GET"])
@permission_classes([IsAdminUser])
def staff_report(request):
    return Response({"report": "for staff"})


@api_view(["POST"])
def notes(request):
    return Response({"saved": True}, status=201)


@api_view(["GET"])
@authentication_classes([TokenAuthentication])
def token_me(request):
    return Response({"user": request.user.username})


@api_view(["GET"])
@authentication_classes([JWTAuthentication])
def jwt_me(request):
    return Response({"user": request.user.username})


@login_required
def notes_page(request):
    return HttpResponse(f"<!doctype html><title>Notes</title><h1>Notes of {request.user.username}</h1>")


def about_page(request):
    return HttpResponse("<!doctype html><title>About</title><h1>About</h1>")


urlpatterns = [
    path("notes/", notes_page),
    path("about/", about_page),
    path("api-auth/", include("rest_framework.urls")),
    path("api/me", me),
    path("api/notes", notes),
    path("api/staff-report", staff_report),
    path("api/token-auth/me", token_me),
    path("api/jwt/me", jwt_me),
    path("api/token/", TokenObtainPairView.as_view()),
    re_path(r"^pages/(?P<path>.*)$", serve, {"document_root": os.path.join(LAB_DIR, "pages")}),
]
