import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { Permission } from "../../../../shared/permissions";
import { authApi, type LoginInput, type MeData } from "../../api/auth";
import { ApiError, onUnauthorized, setCsrfToken } from "../../api/client";
import { navigate } from "../../app/router";

/** Why the sign-in page is showing, when it is not the first visit. */
export type SignInNotice = "expired" | "unauthorized" | "signedOut" | "passwordChanged";

export type AuthState =
  | { status: "loading" }
  | { status: "unreachable"; error: ApiError }
  | { status: "anonymous"; notice: SignInNotice | null }
  | { status: "signedIn"; me: MeData };

export interface Auth {
  state: AuthState;
  me: MeData | null;
  can: (permission: Permission) => boolean;
  signIn: (input: LoginInput) => Promise<MeData>;
  signOut: (options?: { everywhere?: boolean; notice?: SignInNotice }) => Promise<void>;
  /** Reloads Me (after a password change, a role change …). */
  refresh: () => Promise<void>;
  retry: () => void;
}

const AuthContext = createContext<Auth | null>(null);

/** An idle-timeout 401 carries a code that says so; anything else is a plain "not signed in". */
export function noticeFor401(error: ApiError): SignInNotice {
  return /idle|expire|timeout/i.test(error.code) ? "expired" : "unauthorized";
}

const activityEvents = ["pointerdown", "keydown", "wheel", "touchstart"] as const;

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const stateRef = useRef(state);
  stateRef.current = state;

  const becomeSignedIn = useCallback((me: MeData) => {
    setCsrfToken(me.csrfToken);
    setState({ status: "signedIn", me });
  }, []);

  const becomeAnonymous = useCallback((notice: SignInNotice | null) => {
    setCsrfToken(null);
    setState({ status: "anonymous", notice });
  }, []);

  // The first probe: is there a session cookie already?
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    authApi
      .me({ skipAuthRedirect: true })
      .then((me) => {
        if (!controller.signal.aborted) becomeSignedIn(me);
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) becomeAnonymous(null);
        else if (error instanceof ApiError) setState({ status: "unreachable", error });
        else setState({ status: "unreachable", error: new ApiError({ status: 0, code: "network_error", message: String(error) }) });
      });
    return () => controller.abort();
  }, [attempt, becomeAnonymous, becomeSignedIn]);

  // Any 401 from any call sends the user back to sign-in, saying why.
  useEffect(
    () =>
      onUnauthorized((error) => {
        if (stateRef.current.status === "signedIn") becomeAnonymous(noticeFor401(error));
      }),
    [becomeAnonymous],
  );

  // Leave the screen (which may show revealed personal data) when the user is idle past the
  // server's idle timeout; the server ends the session on its side as well.
  const idleSeconds = state.status === "signedIn" ? state.me.idleTimeoutSeconds : 0;
  useEffect(() => {
    if (idleSeconds <= 0) return;
    let last = Date.now();
    const touch = () => {
      last = Date.now();
    };
    for (const name of activityEvents) window.addEventListener(name, touch, { passive: true });
    const timer = window.setInterval(() => {
      if (Date.now() - last > idleSeconds * 1000) {
        authApi.logout().catch(() => undefined);
        becomeAnonymous("expired");
      }
    }, 15_000);
    return () => {
      for (const name of activityEvents) window.removeEventListener(name, touch);
      window.clearInterval(timer);
    };
  }, [idleSeconds, becomeAnonymous]);

  const signIn = useCallback(
    async (input: LoginInput) => {
      const me = await authApi.login(input);
      becomeSignedIn(me);
      return me;
    },
    [becomeSignedIn],
  );

  const signOut = useCallback(
    async (options: { everywhere?: boolean; notice?: SignInNotice } = {}) => {
      try {
        if (options.everywhere) await authApi.logoutAll();
        else await authApi.logout();
      } catch {
        // the session may be gone already; leaving is what matters
      }
      becomeAnonymous(options.notice ?? "signedOut");
      // The next person to sign in here starts at the beginning, not on the last one's page.
      navigate("/", { replace: true });
    },
    [becomeAnonymous],
  );

  const refresh = useCallback(async () => {
    const me = await authApi.me();
    becomeSignedIn(me);
  }, [becomeSignedIn]);

  const value = useMemo<Auth>(() => {
    const me = state.status === "signedIn" ? state.me : null;
    const permissions: ReadonlySet<Permission> = new Set(me?.permissions ?? []);
    return {
      state,
      me,
      can: (permission) => permissions.has(permission),
      signIn,
      signOut,
      refresh,
      retry: () => setAttempt((n) => n + 1),
    };
  }, [state, signIn, signOut, refresh]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const value = useContext(AuthContext);
  if (!value) throw new Error("useAuth outside AuthProvider");
  return value;
}

/** For pages that render only when signed in. */
export function useMe(): MeData {
  const { me } = useAuth();
  if (!me) throw new Error("useMe while signed out");
  return me;
}
