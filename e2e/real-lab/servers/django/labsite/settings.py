"""
Django settings for the AuthLens real-server lab: stock Django, Django REST framework,
djangorestframework-simplejwt and django-cors-headers as Debian ships them, configured as a
small site would be. Nothing here answers a request with a refusal of its own: every 401 and 403
comes from the frameworks' code. The lab starts it with AUTHLENS_LAB_DIR (its database and the
client pages) and AUTHLENS_CORS_ORIGINS set.
"""
import os
from datetime import timedelta

LAB_DIR = os.environ["AUTHLENS_LAB_DIR"]

SECRET_KEY = "authlens-real-lab-django-not-secret"
DEBUG = False
ALLOWED_HOSTS = [".test"]
USE_TZ = True
TIME_ZONE = "UTC"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.staticfiles",
    "corsheaders",
    "rest_framework",
    "rest_framework.authtoken",
]
MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "labsite.urls"
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True, "OPTIONS": {"context_processors": ["django.template.context_processors.request"]}}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.path.join(LAB_DIR, "db.sqlite3")}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
STATIC_URL = "/static/"
LOGIN_REDIRECT_URL = "/pages/signed-in.html"
# Pages for signed-in people (login_required) send everyone else to Django REST framework's login page.
LOGIN_URL = "/api-auth/login/"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.BasicAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
}
SIMPLE_JWT = {"ACCESS_TOKEN_LIFETIME": timedelta(seconds=int(os.environ.get("AUTHLENS_JWT_SECONDS", "300")))}

# A single-page app on another origin of the same site calls the API with its token.
CORS_ALLOWED_ORIGINS = [o for o in os.environ.get("AUTHLENS_CORS_ORIGINS", "").split(",") if o]
CORS_ALLOW_CREDENTIALS = os.environ.get("AUTHLENS_CORS_CREDENTIALS") == "1"
