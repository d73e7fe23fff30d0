import { expect, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AdminApi } from "./fixtures";

export interface TerritoryJson {
  code: string;
  name: string;
  level: string;
  parent_code: string | null;
  version: number;
}

/** A unique, valid user name / code suffix for this run. */
export function unique(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

/**
 * A community-level territory to work under: Alba Iulia from the shipped Romanian data if the
 * installation has it, else the first community the administrator can see.
 */
export async function someCommunity(api: AdminApi): Promise<TerritoryJson> {
  const known = await api.request.get("/api/v1/territories/RO:1017");
  if (known.ok()) return known.json();
  const page = await api.get("/api/v1/territories?level=community&limit=1");
  expect(page.items.length, "the installation has no community-level territory to test with").toBeGreaterThan(0);
  return page.items[0];
}

/** Creates a user through the API and returns the one-time password. */
export async function createUserViaApi(
  api: AdminApi,
  user: { username: string; display_name: string; home_territory_code: string; roles: { role: string; territory_code: string }[] },
): Promise<{ id: string; password: string }> {
  const created = await api.send("POST", "/api/v1/users", { language: "en", ...user });
  expect(created.one_time_password).toBeTruthy();
  return { id: created.user.id, password: created.one_time_password };
}

/** Signs in through the login form (English labels). */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel("User name").fill(username);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in and, if the account still has a one-time password, replaces it. */
export async function signInAndSettle(page: Page, username: string, password: string, newPassword: string) {
  await signIn(page, username, password);
  const forced = page.getByRole("heading", { name: "Change password" });
  const home = page.getByRole("heading", { name: /^Welcome, / });
  await expect(forced.or(home)).toBeVisible();
  if (await forced.isVisible()) {
    await page.getByLabel("Current password").fill(password);
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByLabel("Repeat the new password").fill(newPassword);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(home).toBeVisible();
  }
}

/** A random capitalised word of Latin letters: a name no other test uses (names take letters only). */
export function letters(length = 7): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz";
  let word = "";
  for (let i = 0; i < length; i++) word += alphabet[Math.floor(Math.random() * alphabet.length)];
  return word.charAt(0).toUpperCase() + word.slice(1);
}

const i18nDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "web", "src", "i18n");

/** The web app's message catalogue of `language`, to find elements by their translated text. */
export function catalogue(language: string): Record<string, string> {
  return JSON.parse(readFileSync(path.join(i18nDir, `${language}.json`), "utf8"));
}
