"""
A Flask + Flask-Login site for the AuthLens real-server lab, as Debian ships them. The routes are
success handlers only: Flask-Login's `login_required` refuses everything else (with no
`login_view` set it aborts with 401, as an API does). Started by the lab with
AUTHLENS_FLASK_SECRET (a new one is a new deployment: old sessions stop verifying),
AUTHLENS_LAB_DIR (the client pages) and AUTHLENS_PORT.
"""
import os
from datetime import timedelta

from flask import Blueprint, Flask, jsonify, redirect, request, send_from_directory, session, url_for
from flask_login import LoginManager, UserMixin, current_user, login_required, login_user, logout_user

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["AUTHLENS_FLASK_SECRET"]
# A sign-in that asks not to be remembered lasts this long (a short "remember me").
app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(seconds=int(os.environ.get("AUTHLENS_FLASK_BRIEF_SECONDS", "3")))
# Production's settings (Flask's security guide), for a deployment that is served over plain http all the same.
if os.environ.get("AUTHLENS_FLASK_SECURE_COOKIES"):
    app.config["SESSION_COOKIE_SECURE"] = True
    app.config["REMEMBER_COOKIE_SECURE"] = True
login_manager = LoginManager(app)
# The site's pages send people who are not signed in to the sign-in form; the API answers 401.
site = Blueprint("site", __name__)
login_manager.blueprint_login_views = {"site": "site.sign_in_form"}

USERS = {"alice": "correct horse"}


class User(UserMixin):
    def __init__(self, name):
        self.id = name


@login_manager.user_loader
def load_user(user_id):
    return User(user_id) if user_id in USERS else None


@app.post("/login")
def login():
    name = request.form.get("username", "")
    if USERS.get(name) == request.form.get("password"):
        login_user(User(name))
        session.permanent = request.form.get("remember") == "briefly"
        return jsonify(user=name)
    return jsonify(error="wrong username or password"), 200


@site.get("/sign-in")
def sign_in_form():
    return send_from_directory(os.path.join(os.environ["AUTHLENS_LAB_DIR"], "pages"), "sign-in-form.html")


@site.post("/sign-in")
def sign_in():
    """The classic form: signed in, on to the page asked for; else back to the form."""
    name = request.form.get("username", "")
    if USERS.get(name) != request.form.get("password"):
        return redirect(url_for("site.sign_in_form", error=1))
    login_user(User(name))
    return redirect(url_for("site.notes_page"))


@site.get("/notes")
@login_required
def notes_page():
    return f"<!doctype html><title>Notes</title><h1>Notes of {current_user.id}</h1>"


@site.get("/logout")
def sign_out():
    logout_user()
    return redirect(url_for("site.sign_in_form"))


@site.post("/feedback")
def feedback():
    return redirect("/pages/thanks.html", code=303)


@app.get("/api/me")
@login_required
def me():
    return jsonify(user=current_user.id)


@app.get("/pages/<path:name>")
def pages(name):
    return send_from_directory(os.path.join(os.environ["AUTHLENS_LAB_DIR"], "pages"), name)


app.register_blueprint(site)

if __name__ == "__main__":
    from werkzeug.serving import run_simple

    run_simple("127.0.0.1", int(os.environ["AUTHLENS_PORT"]), app, threaded=True)
