import { testDatabaseName } from "./test-database";
import pg from "pg";
import type { Queryable } from "~/db/database.server";

// A database on the Postgres server shaped the way Supabase's init scripts leave a project
// before our migrations run (github.com/supabase/postgres, migrations/db/init-scripts and
// migrations/db/migrations): the API roles, a superuser `supabase_admin`, schema `auth` with
// `auth.users` and `auth.uid()/role()/jwt()` owned by `supabase_auth_admin`, USAGE on schema
// public for the API roles, and the `alter default privileges in schema public` that give
// anon, authenticated and service_role ALL on every new table, sequence and function — for
// the migrating role and for supabase_admin. The migrating role is demoted like Supabase's
// `postgres`: NOSUPERUSER BYPASSRLS CREATEROLE, a member of the API roles and of
// supabase_auth_admin, owner of the database. It is cluster-global, so it gets its own name.

export const MIGRATOR = "supabase_postgres_sim";
/** The roles whose privileges must be the same on every platform ("public" = PUBLIC). */
export const API_ROLES = ["anon", "authenticated", "service_role", "authenticator", "public"] as const;

const ROLE_LOCK_KEY = 7_241_118_042; // serialises role creation between test files

export function databaseUrl(baseUrl: string, database: string, user?: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${database}`;
  if (user) {
    url.username = user;
    url.password = "";
  }
  return url.toString();
}

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

// Roles are created only where missing (our bootstrap migration may have created the API
// roles on this server already, with its own attributes); existing roles are not altered.
// supabase_admin stays NOLOGIN: nothing logs in as it here, and the server trusts localhost.
const ROLES_SQL = `
do $roles$
declare
  spec text[];
begin
  foreach spec slice 1 in array array[
    ['supabase_admin',      'nologin superuser createdb createrole replication bypassrls'],
    ['supabase_auth_admin', 'login noinherit createrole noreplication'],
    ['anon',                'nologin noinherit'],
    ['authenticated',       'nologin noinherit'],
    ['service_role',        'nologin noinherit bypassrls'],
    ['authenticator',       'login noinherit'],
    ['${MIGRATOR}',         'login nosuperuser inherit createrole bypassrls']
  ] loop
    if not exists (select 1 from pg_roles where rolname = spec[1]) then
      begin
        execute format('create role %I %s', spec[1], spec[2]);
      exception when duplicate_object or unique_violation then null;
      end;
    end if;
  end loop;
  foreach spec slice 1 in array array[
    ['anon', 'authenticator'], ['authenticated', 'authenticator'], ['service_role', 'authenticator'],
    ['anon', '${MIGRATOR}'], ['authenticated', '${MIGRATOR}'], ['service_role', '${MIGRATOR}'],
    ['supabase_auth_admin', '${MIGRATOR}']
  ] loop
    if not exists (select 1 from pg_auth_members m
                   where m.roleid = spec[1]::regrole and m.member = spec[2]::regrole) then
      execute format('grant %I to %I', spec[1], spec[2]);
    end if;
  end loop;
end
$roles$;
`;

// What the init scripts leave in the project's database, run as the server's superuser.
const DATABASE_SQL = `
create schema extensions;
grant usage on schema extensions to ${MIGRATOR}, anon, authenticated, service_role;

grant usage on schema public to ${MIGRATOR}, anon, authenticated, service_role;
-- init-scripts/00000000000000-initial-schema.sql runs as postgres (the migrating role) …
set role ${MIGRATOR};
alter default privileges in schema public grant all on tables to ${MIGRATOR}, anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to ${MIGRATOR}, anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to ${MIGRATOR}, anon, authenticated, service_role;
reset role;
-- … and also sets them for objects supabase_admin creates.
alter default privileges for role supabase_admin in schema public grant all on sequences to ${MIGRATOR}, anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema public grant all on tables to ${MIGRATOR}, anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema public grant all on functions to ${MIGRATOR}, anon, authenticated, service_role;

-- init-scripts/00000000000001-auth-schema.sql (abridged: the users table and the helpers)
create schema auth authorization supabase_admin;
create table auth.users (
  instance_id uuid,
  id uuid not null unique,
  aud varchar(255),
  role varchar(255),
  email varchar(255) unique,
  encrypted_password varchar(255),
  confirmed_at timestamptz,
  last_sign_in_at timestamptz,
  raw_app_meta_data jsonb,
  raw_user_meta_data jsonb,
  is_super_admin bool,
  created_at timestamptz,
  updated_at timestamptz,
  constraint users_pkey primary key (id)
);
-- The helpers as Supabase Auth (GoTrue) defines them today: claim.sub first, then claims.
create function auth.uid() returns uuid language sql stable as $fn$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$fn$;
create function auth.role() returns text language sql stable as $fn$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$fn$;
create function auth.email() returns text language sql stable as $fn$
  select coalesce(
    nullif(current_setting('request.jwt.claim.email', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
  )::text
$fn$;
create function auth.jwt() returns jsonb language sql stable as $fn$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$fn$;
grant usage on schema auth to anon, authenticated, service_role;
grant all privileges on schema auth to supabase_auth_admin;
alter table auth.users owner to supabase_auth_admin;
alter function auth.uid() owner to supabase_auth_admin;
alter function auth.role() owner to supabase_auth_admin;
alter function auth.email() owner to supabase_auth_admin;
alter function auth.jwt() owner to supabase_auth_admin;

-- migrations/10000000000000_demote-postgres.sql and 20211115181400_update-auth-permissions.sql
grant all on schema auth to ${MIGRATOR};
grant all on schema extensions to ${MIGRATOR};
grant all on all tables in schema auth to ${MIGRATOR};
grant all on all sequences in schema auth to ${MIGRATOR};
grant all on all routines in schema auth to ${MIGRATOR};
`;

export type SupabaseShapedDatabase = {
  name: string;
  /** connects as the demoted migrating role */
  url: string;
  /** connects as the server's superuser (for inspection only) */
  adminDbUrl: string;
  destroy(): Promise<void>;
};

export async function createSupabaseShapedDatabase(adminUrl: string): Promise<SupabaseShapedDatabase> {
  await withClient(adminUrl, async (c) => {
    await c.query("select pg_advisory_lock($1)", [ROLE_LOCK_KEY]);
    try {
      await c.query(ROLES_SQL);
    } finally {
      await c.query("select pg_advisory_unlock($1)", [ROLE_LOCK_KEY]);
    }
  });
  const name = testDatabaseName("supa");
  // Supabase's `postgres` owns the project database (so schema public, owned by
  // pg_database_owner, is effectively its own).
  await withClient(adminUrl, (c) => c.query(`create database ${name} owner ${MIGRATOR}`));
  const adminDbUrl = databaseUrl(adminUrl, name);
  await withClient(adminDbUrl, (c) => c.query(DATABASE_SQL));
  return {
    name,
    url: databaseUrl(adminUrl, name, MIGRATOR),
    adminDbUrl,
    destroy: () => dropDatabase(adminUrl, name),
  };
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
}

// ---------------------------------------------------------------------------------------
// Privilege snapshot: one line per object × role with the effective privileges the role
// holds ("*" = with grant option), for the schemas our migrations own (public,
// app_private, supabase_migrations) and the auth objects our bootstrap may create.
// Objects no role may use appear with "-", so a missing object shows up in a diff too.
// The migrating role's default privileges are listed with the role written "<migrator>".
// ---------------------------------------------------------------------------------------

const SNAPSHOT_SQL = `
with roles(role) as (select unnest($1::text[])),
schemas(nsp) as (values ('public'), ('app_private'), ('supabase_migrations')),
rels as (
  select c.oid, c.relkind, format('%I.%I', n.nspname, c.relname) as name
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
   where c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
     and (n.nspname in (select nsp from schemas) or (n.nspname = 'auth' and c.relname = 'users'))
),
funcs as (
  select p.oid, format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) as name
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
   where n.nspname in (select nsp from schemas)
      or (n.nspname = 'auth' and p.proname in ('uid', 'role', 'jwt'))
),
privs(kind, priv) as (values
  ('table', 'SELECT'), ('table', 'INSERT'), ('table', 'UPDATE'), ('table', 'DELETE'),
  ('table', 'TRUNCATE'), ('table', 'REFERENCES'), ('table', 'TRIGGER'),
  ('column', 'SELECT'), ('column', 'INSERT'), ('column', 'UPDATE'), ('column', 'REFERENCES'),
  ('sequence', 'USAGE'), ('sequence', 'SELECT'), ('sequence', 'UPDATE'),
  ('function', 'EXECUTE'), ('schema', 'USAGE'), ('schema', 'CREATE')
),
held as (
  select 'table ' || r.name as object, ro.role, p.priv,
         has_table_privilege(ro.role, r.oid, p.priv) as yes,
         has_table_privilege(ro.role, r.oid, p.priv || ' WITH GRANT OPTION') as grantable
    from rels r cross join roles ro join privs p on p.kind = 'table'
   where r.relkind <> 'S'
  union all
  select format('column %s.%I', r.name, a.attname), ro.role, p.priv,
         has_column_privilege(ro.role, r.oid, a.attnum, p.priv),
         has_column_privilege(ro.role, r.oid, a.attnum, p.priv || ' WITH GRANT OPTION')
    from rels r join pg_attribute a on a.attrelid = r.oid and a.attnum > 0 and not a.attisdropped
         cross join roles ro join privs p on p.kind = 'column'
   where r.relkind <> 'S' and r.name <> 'auth.users' -- Supabase's auth.users has more columns than ours
  union all
  select 'sequence ' || r.name, ro.role, p.priv,
         has_sequence_privilege(ro.role, r.oid, p.priv),
         has_sequence_privilege(ro.role, r.oid, p.priv || ' WITH GRANT OPTION')
    from rels r cross join roles ro join privs p on p.kind = 'sequence'
   where r.relkind = 'S'
  union all
  select 'function ' || f.name, ro.role, p.priv,
         has_function_privilege(ro.role, f.oid, p.priv),
         has_function_privilege(ro.role, f.oid, p.priv || ' WITH GRANT OPTION')
    from funcs f cross join roles ro join privs p on p.kind = 'function'
  union all
  select 'schema ' || n.nspname, ro.role, p.priv,
         has_schema_privilege(ro.role, n.oid, p.priv),
         has_schema_privilege(ro.role, n.oid, p.priv || ' WITH GRANT OPTION')
    from pg_namespace n cross join roles ro join privs p on p.kind = 'schema'
   where n.nspname in (select nsp from schemas) or n.nspname = 'auth'
),
default_objects as (
  -- What a new object of the migrating role gets: the global entry (or the built-in
  -- default when there is none) and each schema's additions.
  select format('default privileges of <migrator> on %s %s', t.label, coalesce('in schema ' || s.nsp, 'everywhere')) as object,
         t.objtype, t.acltype, s.nsp
    from (values ('r', 'r', 'tables'), ('S', 's', 'sequences'), ('f', 'f', 'functions')) as t(objtype, acltype, label)
         cross join (select null::text as nsp union all select nsp from schemas) s
),
defaults as (
  select o.object, ro.role, null::text as priv, false as yes, false as grantable
    from default_objects o cross join roles ro
  union all
  select o.object, coalesce(nullif(g.grantee, 0)::regrole::text, 'public'), g.privilege_type, true, g.is_grantable
    from default_objects o
         cross join lateral (
           select d.defaclacl from pg_default_acl d
            where d.defaclrole = $2::regrole and d.defaclobjtype = o.objtype::"char"
              and d.defaclnamespace = coalesce((select oid from pg_namespace where nspname = o.nsp), 0)
           union all
           select acldefault(o.acltype::"char", $2::regrole)
            where o.nsp is null and not exists (
              select 1 from pg_default_acl d
               where d.defaclrole = $2::regrole and d.defaclobjtype = o.objtype::"char" and d.defaclnamespace = 0)
         ) acl
         cross join lateral aclexplode(acl.defaclacl) g
   where coalesce(nullif(g.grantee, 0)::regrole::text, 'public') in (select role from roles)
)
select object, role,
       coalesce(string_agg(priv || case when grantable then '*' else '' end, ',' order by priv) filter (where yes), '-') as privileges
  from (select * from held union all select * from defaults) x
 group by object, role
 order by object, role
`;

export type PrivilegeLine = { object: string; role: string; privileges: string };

/** `migrator`: the role that ran the migrations (its default privileges are compared). */
export async function privilegeSnapshot(db: Pick<Queryable, "query">, migrator: string): Promise<PrivilegeLine[]> {
  return (await db.query<PrivilegeLine>(SNAPSHOT_SQL, [API_ROLES, migrator])).rows;
}

/** Lines that differ, readable: `object · role: expected → actual`. */
export function privilegeDiff(expected: PrivilegeLine[], actual: PrivilegeLine[]): string[] {
  const key = (l: PrivilegeLine) => `${l.object} · ${l.role}`;
  const want = new Map(expected.map((l) => [key(l), l.privileges]));
  const got = new Map(actual.map((l) => [key(l), l.privileges]));
  const keys = [...new Set([...want.keys(), ...got.keys()])].sort();
  return keys.filter((k) => want.get(k) !== got.get(k)).map((k) => `${k}: ${want.get(k) ?? "(no line)"} → ${got.get(k) ?? "(no line)"}`);
}
