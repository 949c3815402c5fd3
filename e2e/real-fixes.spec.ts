import { labDone } from "./authlens";
import { expect, test } from "./real-lab/fixtures";
import { missingServerSoftware } from "./real-lab/real-lab";
import { REAL_SCENARIOS } from "./real-lab/scenarios/index";
import { PYTHON_USERS } from "./real-lab/servers/python-apps";

test.skip(() => missingServerSoftware() !== null, `the real-server lab needs ${missingServerSoftware()}`);

const scenario = REAL_SCENARIOS.find((s) => s.id === "drf-session-ended")!;

test.afterEach(async ({ realLab }) => {
  // The scenario changed carol's password on the server; the lab is shared by the tests that follow.
  await realLab?.django.shell(`from django.contrib.auth.models import User; u = User.objects.get(username="carol"); u.set_password(${JSON.stringify(PYTHON_USERS.carol)}); u.save()`);
});

test("an ended Django session: Sign in opens Django's own sign-in page, a real sign-in with its form follows, and AuthLens says it is fixed", async ({ authlens, context, realLab }) => {
  const { page, tabId } = await authlens.newTab();
  await scenario.prepare?.({ page, context, lab: realLab! });
  await page.goto(scenario.start);
  await page.evaluate(labDone);
  const { failures } = await authlens.waitForFailures(tabId, 1);
  const failure = failures.find((f) => f.url === scenario.failing.url)!;
  expect(failure.cause).toBe("session-expired");
  await expect.poll(() => authlens.badgeText(tabId)).toBe("1");

  const popup = await authlens.openPopup(tabId);
  const card = popup.locator(`li.failure[data-failures~="${failure.id}"]`);
  const primary = card.locator(".fixes button.primary");
  await expect(primary).toHaveText("Sign in to account.django.test");
  await primary.click();
  // The sign-in page this browser saw for the site, coming back to the page the person was on.
  await page.waitForURL("http://account.django.test/api-auth/login/?next=%2Fpages%2Faccount.html");
  await expect(card).toHaveAttribute("data-state", "waiting");
  await page.fill("input[name=username]", "carol");
  await page.fill("input[name=password]", "a new password");
  await Promise.all([page.waitForURL(scenario.start), page.click("input[type=submit]")]);
  await page.evaluate(labDone);
  await expect(page.locator("#log")).toContainText("200");
  await expect(card).toHaveAttribute("data-state", "fixed");
  await expect(card.locator(".outcome")).toHaveText("✓ Fixed: the site answered normally after “Sign in”.");
  await expect.poll(() => authlens.badgeText(tabId)).toBe("");
});
