import { useAuth } from "../modules/auth/AuthContext";
import { navigation } from "./routes";

/** Whether the caller may open a page, by the route table's guard: a button or link to it is offered only then. */
export function useCanOpen(): (path: string) => boolean {
  const auth = useAuth();
  return (path) => navigation.resolve(path, auth.can).kind === "page";
}
