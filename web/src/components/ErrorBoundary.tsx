import { Component, type ErrorInfo, type ReactNode } from "react";
import { Button, Result } from "./light";

interface Props {
  title: string;
  reloadLabel: string;
  children: ReactNode;
  /** When this changes (e.g. the route), a failed subtree gets another chance. */
  resetKey?: string;
}

interface State {
  error: Error | null;
}

/** Keeps one broken page from blanking the whole app: shows what broke and a reload button. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error("UI error", error, info.componentStack);
  }

  override componentDidUpdate(previous: Props): void {
    if (this.state.error && previous.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <Result
        status="error"
        title={this.props.title}
        subTitle={this.state.error.message}
        extra={
          <Button kind="primary" onClick={() => window.location.reload()}>
            {this.props.reloadLabel}
          </Button>
        }
      />
    );
  }
}
