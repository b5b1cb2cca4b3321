import type { FormEvent, ReactNode } from 'react';

/** The sign-in card shared by Clara's own and Supabase sign-in: brand, title, email, then the rest. */
export function AuthCard(props: {
  title: string;
  onSubmit: (e: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
  /** Prefills the email (an invite link's `&email=`). */
  email?: string | undefined;
  /** Locks the email: an invite is valid only for the email it was made for. */
  emailLocked?: boolean;
}) {
  return (
    <main className="auth">
      <form className="card auth-card" onSubmit={props.onSubmit} noValidate>
        <div className="brand">
          <span className="logo">C</span> Clara
        </div>
        <h1>{props.title}</h1>
        <label>
          Email
          <input
            name="email"
            type="email"
            autoComplete="email"
            required
            defaultValue={props.email}
            readOnly={props.emailLocked}
            title={props.emailLocked ? 'The invite is for this email' : undefined}
          />
        </label>
        {props.children}
      </form>
    </main>
  );
}
