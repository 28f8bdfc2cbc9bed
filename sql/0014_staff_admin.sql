-- Staff onboarding (README.md "Staff onboarding"): an invitation or a password-reset link signs a
-- staff member in once, to choose a password. Only the SHA-256 of the token is stored, so a
-- database leak hands out no live link; used_at makes each link single-use (one guarded UPDATE).
create table staff_tokens (
  id bigint generated always as identity primary key,
  staff_id bigint not null references staff_users (id) on delete cascade,
  purpose text not null check (purpose in ('invite', 'reset')),
  token_hash text not null unique,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz
);
create index staff_tokens_staff_idx on staff_tokens (staff_id);
