"""
A Flask + Flask-Login site for the AuthLens real-server lab, as Debian ships them. The routes are
success handlers only: Flask-Login's `login_required` refuses everything else (with no
`login_view` set it aborts with 401, as an API does). Started by the lab with
AUTHLENS_FLASK_SECRET (a new one is a new deployment: old sessions stop verifying),
AUTHLENS_LAB_DIR (the client pages) and AUTHLENS_PORT.
"""
import os

from flask import Flask, jsonify, request, send_from_directory
from flask_login import LoginManager, UserMixin, current_user, login_required, login_user

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["AUTHLENS_FLASK_SECRET"]
login_manager = LoginManager(app)

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
        return jsonify(user=name)
    return jsonify(error="wrong username or password"), 200


@app.get("/api/me")
@login_required
def me():
    return jsonify(user=current_user.id)


@app.get("/pages/<path:name>")
def pages(name):
    return send_from_directory(os.path.join(os.environ["AUTHLENS_LAB_DIR"], "pages"), name)


if __name__ == "__main__":
    from werkzeug.serving import run_simple

    run_simple("127.0.0.1", int(os.environ["AUTHLENS_PORT"]), app, threaded=True)
