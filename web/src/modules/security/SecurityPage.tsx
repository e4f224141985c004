import { Space } from "antd";
import { useAuth } from "../auth/AuthContext";
import { LoginAttemptsCard } from "./LoginAttemptsCard";
import { LoginLocksCard } from "./LoginLocksCard";
import { PasswordResetsCard } from "./PasswordResetsCard";

/** 安全管理: the reset requests that wait for a second administrator, and (for the security administrator) sign-in attempts and locks. */
export default function SecurityPage() {
  const auth = useAuth();
  const security = auth.can("security.manage");
  return (
    <Space orientation="vertical" size={12} style={{ width: "100%" }}>
      <PasswordResetsCard />
      {security ? <LoginLocksCard /> : null}
      {security ? <LoginAttemptsCard /> : null}
    </Space>
  );
}
