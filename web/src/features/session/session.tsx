import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import {
  api,
  currentSession,
  listRoles,
  login as apiLogin,
  logout as apiLogout,
  updateSessionLanguage,
} from "../../api/endpoints";
import type { Language, RolePermissions, SessionInfo, User } from "../../api/types";
import { useI18n } from "../../i18n/i18n";
import { permissionsOf } from "./permissions";

type Status = "loading" | "anonymous" | "authenticated";

interface SessionValue {
  status: Status;
  user: User | null;
  /** Permissions carried by the user's roles; empty until the password change is done. */
  permissions: ReadonlySet<string>;
  roles: RolePermissions[];
  /** Set when the session ended by itself (expired, or ended elsewhere). */
  endedReason: string | null;
  login: (username: string, password: string) => Promise<User>;
  logout: () => Promise<void>;
  refresh: () => Promise<void>;
  /**
   * The language picked in a language menu: shown at once, and stored for the user (PATCH
   * /session) when signed in, or sent with the sign-in when picked on the sign-in page, so
   * that it follows the user to any browser.
   */
  chooseLanguage: (language: Language) => void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const { setLanguage } = useI18n();
  const [status, setStatus] = useState<Status>("loading");
  const [user, setUser] = useState<User | null>(null);
  const [roles, setRoles] = useState<RolePermissions[]>([]);
  const [endedReason, setEndedReason] = useState<string | null>(null);
  // Whether a session was established; a 401 only means "your session ended" if one was.
  const signedIn = useRef(false);
  // The language picked on the sign-in page, if any: the sign-in stores it for the user.
  const pickedBeforeSignIn = useRef<Language | null>(null);

  const adopt = useCallback(async (session: SessionInfo) => {
    api.setCsrfToken(session.csrf_token);
    // The user's stored language is the one to show, in any browser.
    setLanguage(session.user.language);
    let catalogue: RolePermissions[] = [];
    if (!session.user.must_change_password) {
      catalogue = await listRoles();
    }
    setRoles(catalogue);
    setUser(session.user);
    setEndedReason(null);
    signedIn.current = true;
    setStatus("authenticated");
  }, [setLanguage]);

  const clear = useCallback(() => {
    signedIn.current = false;
    // What was searched in this tab (the registry's last query, ...) belongs to the user who
    // searched: the next one to sign in at this computer does not inherit it.
    try {
      sessionStorage.clear();
    } catch {
      // Storage unavailable: nothing was kept either.
    }
    api.setCsrfToken(null);
    setUser(null);
    setRoles([]);
    setStatus("anonymous");
  }, []);

  useEffect(() => {
    api.onUnauthorized((error) => {
      if (!signedIn.current) return;
      setEndedReason(error.detail || error.code);
      clear();
    });
    let cancelled = false;
    currentSession()
      .then((session) => (cancelled ? undefined : adopt(session)))
      .catch(() => {
        if (!cancelled) clear();
      });
    return () => {
      cancelled = true;
      api.onUnauthorized(null);
    };
  }, [adopt, clear]);

  const login = useCallback(
    async (username: string, password: string) => {
      const session = await apiLogin(username, password, pickedBeforeSignIn.current ?? undefined);
      pickedBeforeSignIn.current = null;
      await adopt(session);
      return session.user;
    },
    [adopt],
  );

  const chooseLanguage = useCallback(
    (language: Language) => {
      setLanguage(language);
      if (!signedIn.current) {
        pickedBeforeSignIn.current = language;
        return;
      }
      void updateSessionLanguage(language)
        .then((session) => setUser(session.user))
        .catch(() => {
          // Not stored (the session ended, the network failed): the page keeps the choice.
        });
    },
    [setLanguage],
  );

  const logout = useCallback(async () => {
    try {
      await apiLogout();
    } finally {
      setEndedReason(null);
      clear();
    }
  }, [clear]);

  const refresh = useCallback(async () => {
    await adopt(await currentSession());
  }, [adopt]);

  const value = useMemo<SessionValue>(
    () => ({
      status,
      user,
      roles,
      permissions: user ? permissionsOf(user, roles) : new Set<string>(),
      endedReason,
      login,
      logout,
      refresh,
      chooseLanguage,
    }),
    [status, user, roles, endedReason, login, logout, refresh, chooseLanguage],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}
