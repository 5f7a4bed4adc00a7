"""Locust users for bench/serving_bench.py (which writes SERVING_USERS, the signed-in sessions and
the pages each may read, and starts gunicorn on loopback). Most users read pages as the demo's
staff, board and parents do; one in ten signs in again and again, so each of its requests costs a
whole password hash. Loopback only: the bench gives --host http://127.0.0.1:PORT."""

import json
import os
import random
import re

from locust import HttpUser, between, task

SESSIONS = json.loads(open(os.environ["SERVING_USERS"]).read())
# Seconds a reader spends on a page before the next (SERVING_WAIT, "1,3" by default: a stress
# pace; a person reading a caseworking page takes nearer 5 to 15).
LEAST, MOST = (float(n) for n in os.environ.get("SERVING_WAIT", "1,3").split(","))
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Reader(HttpUser):
    weight = 9
    wait_time = between(LEAST, MOST)

    def on_start(self):
        who = random.choice(SESSIONS["readers"])
        self.client.cookies.set(SESSIONS["cookie"], who["session"])
        self.pages = who["pages"]

    @task
    def read(self):
        url = random.choice(self.pages)
        with self.client.get(url, name=url, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:  # a redirect here would be to the sign-in page
                response.failure(f"{url} answered {response.status_code}")


class SigningIn(HttpUser):
    weight = 1
    wait_time = between(1, 2)

    @task
    def sign_in(self):
        self.client.cookies.clear()
        form = self.client.get("/accounts/sign-in/", name="sign-in (form)")
        token = TOKEN.search(form.text)
        with self.client.post(
            "/accounts/sign-in/",
            data={
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "username": SESSIONS["sign_in"]["username"],
                "password": SESSIONS["sign_in"]["password"],
            },
            name="sign-in (password)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            # A right password redirects (to the second factor or the home page); a wrong one is a 200.
            if response.status_code != 302:
                response.failure(f"sign-in answered {response.status_code}, not a redirect")
