import type { FormEvent, ReactNode } from 'react';

/** The sign-in card shared by Clara's own and Supabase sign-in: brand, title, email, then the rest. */
export function AuthCard(props: {
  title: string;
  onSubmit: (e: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
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
          <input name="email" type="email" autoComplete="email" required />
        </label>
        {props.children}
      </form>
    </main>
  );
}
