package io.schemapilot.project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Small project trees, one per ORM / migration tool, written into a folder. Each is the least a real project of
 * that kind has: its dependency list, its configuration, its schema source and its migrations folder.
 */
public final class ProjectFixtures {

    private ProjectFixtures() {
    }

    public static void write(Path root, String path, String text) {
        try {
            Path p = root.resolve(path);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static final String PRISMA_SCHEMA = """
            generator client {
              provider = "prisma-client-js"
            }

            datasource db {
              provider = "postgresql"
              url      = env("DATABASE_URL")
            }

            model User {
              id    Int    @id @default(autoincrement())
              email String @unique
            }
            """;

    /** Prisma on PostgreSQL; .env holds a URL with a password that must never show. */
    public static void prismaPostgres(Path root) {
        write(root, "package.json", """
                {"name": "shop", "dependencies": {"@prisma/client": "^5.10.0", "next": "14.0.0"},
                 "devDependencies": {"prisma": "^5.10.0"}}
                """);
        write(root, "prisma/schema.prisma", PRISMA_SCHEMA);
        write(root, "prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
        write(root, "prisma/migrations/20240101000000_init/migration.sql",
                "CREATE TABLE \"User\" (id serial PRIMARY KEY, email text NOT NULL);\n");
        write(root, ".env", "DATABASE_URL=postgresql://shop_owner:s3cr3t-pw@db.internal:5432/shop\n");
        write(root, "node_modules/typeorm/package.json", "{\"name\": \"typeorm\", \"dependencies\": {\"mysql2\": \"1\"}}");
        write(root, "node_modules/typeorm/entity/User.entity.ts", "@Entity() class User {}");
    }

    public static void django(Path root) {
        write(root, "requirements.txt", "Django==5.0.1\npsycopg2-binary>=2.9  # driver\n-r dev.txt\n");
        write(root, "manage.py", "#!/usr/bin/env python\nimport os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE',"
                + " 'shop.settings')\nfrom django.core.management import execute_from_command_line\n");
        write(root, "shop/settings.py", """
                INSTALLED_APPS = ["orders"]
                DATABASES = {
                    "default": {
                        "ENGINE": "django.db.backends.postgresql",
                        "NAME": "shop",
                        "PASSWORD": "hunter2",
                    }
                }
                """);
        write(root, "orders/models.py", """
                from django.db import models

                class Order(models.Model):
                    total = models.IntegerField()
                """);
        write(root, "orders/migrations/__init__.py", "");
        write(root, "orders/migrations/0001_initial.py", "from django.db import migrations\n");
        write(root, ".venv/pyvenv.cfg", "home = /usr/bin\n");
        write(root, ".venv/lib/alembic.ini", "[alembic]\n");
        write(root, "env/pyvenv.cfg", "home = /usr/bin\n");
        write(root, "env/lib/python3.12/site-packages/alembic/alembic.ini", "[alembic]\n");
    }

    public static void alembic(Path root) {
        write(root, "pyproject.toml", """
                [project]
                name = "billing"
                dependencies = [
                  "SQLAlchemy>=2.0",
                  "alembic==1.13.1",
                  "asyncpg",
                ]
                """);
        write(root, "alembic.ini", """
                [alembic]
                script_location = migrations
                sqlalchemy.url = postgresql+psycopg2://billing:topsecret@localhost/billing
                """);
        write(root, "migrations/env.py", "from alembic import context\n");
        write(root, "migrations/script.py.mako", "${upgrades}\n");
        write(root, "migrations/versions/1a2b3c_create_invoices.py", "def upgrade():\n    pass\n");
        write(root, "billing/models.py", """
                from sqlalchemy.orm import DeclarativeBase, Mapped

                class Base(DeclarativeBase):
                    pass
                """);
    }

    public static void flyway(Path root) {
        write(root, "pom.xml", """
                <project><dependencies>
                  <dependency><groupId>org.flywaydb</groupId><artifactId>flyway-core</artifactId></dependency>
                  <dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId></dependency>
                </dependencies></project>
                """);
        write(root, "flyway.conf", "flyway.url=jdbc:postgresql://localhost:5432/app?user=app&password=pw123\n"
                + "flyway.locations=filesystem:sql/extra\n");
        write(root, "src/main/resources/db/migration/V1__init.sql", "CREATE TABLE a (id int PRIMARY KEY);\n");
        write(root, "src/main/resources/db/migration/V2__add_b.sql", "ALTER TABLE a ADD COLUMN b int;\n");
        write(root, "sql/extra/afterMigrate.sql", "SELECT 1;\n");
    }

    public static void knex(Path root) {
        write(root, "package.json", "{\"dependencies\": {\"knex\": \"^3.1.0\", \"pg\": \"^8.11.0\"}}");
        write(root, "knexfile.js", """
                module.exports = {
                  development: {
                    client: 'pg',
                    connection: process.env.DATABASE_URL,
                    migrations: { directory: './db/migrations' },
                  },
                };
                """);
        write(root, "db/migrations/20240101120000_create_users.js",
                "exports.up = (knex) => knex.schema.createTable('users', (t) => { t.increments(); });\n");
    }

    public static void drizzle(Path root) {
        write(root, "package.json", """
                {"dependencies": {"drizzle-orm": "^0.30.0", "postgres": "^3.4.0"},
                 "devDependencies": {"drizzle-kit": "^0.21.0"}}
                """);
        write(root, "drizzle.config.ts", """
                import { defineConfig } from "drizzle-kit";
                export default defineConfig({
                  dialect: "postgresql",
                  schema: "./src/db/schema.ts",
                  out: "./drizzle",
                });
                """);
        write(root, "src/db/schema.ts", """
                import { pgTable, serial, text } from "drizzle-orm/pg-core";
                export const users = pgTable("users", { id: serial("id").primaryKey(), name: text("name") });
                """);
        write(root, "drizzle/0000_init.sql", "CREATE TABLE \"users\" (\"id\" serial PRIMARY KEY);\n");
        write(root, "drizzle/meta/_journal.json", "{\"entries\": []}");
    }

    public static void typeorm(Path root) {
        write(root, "package.json", "{\"dependencies\": {\"typeorm\": \"^0.3.20\", \"pg\": \"^8.11.0\","
                + " \"reflect-metadata\": \"^0.2.0\"}}");
        write(root, "src/data-source.ts", """
                import { DataSource } from "typeorm";
                export const AppDataSource = new DataSource({
                  type: "postgres",
                  url: process.env.DATABASE_URL,
                  migrations: ["src/migrations/*.ts"],
                });
                """);
        write(root, "src/entity/User.entity.ts", """
                import { Entity, PrimaryGeneratedColumn, Column } from "typeorm";
                @Entity()
                export class User { @PrimaryGeneratedColumn() id: number; @Column() name: string; }
                """);
        write(root, "src/migrations/1700000000000-Init.ts", """
                import { MigrationInterface, QueryRunner } from "typeorm";
                export class Init1700000000000 implements MigrationInterface {
                  async up(q: QueryRunner) { await q.query(`CREATE TABLE "user" (id serial PRIMARY KEY)`); }
                  async down(q: QueryRunner) { await q.query(`DROP TABLE "user"`); }
                }
                """);
    }

    public static void instantdb(Path root) {
        write(root, "package.json", "{\"dependencies\": {\"@instantdb/react\": \"^0.14.0\","
                + " \"@instantdb/admin\": \"^0.14.0\"}, \"devDependencies\": {\"instant-cli\": \"^0.14.0\"}}");
        write(root, "instant.schema.ts", """
                import { i } from "@instantdb/core";
                const _schema = i.schema({ entities: { todos: i.entity({ text: i.string() }) } });
                export default _schema;
                """);
        write(root, "instant.perms.ts", "export default {};\n");
    }

    /** No ORM: a schema file and numbered SQL migrations. */
    public static void plainSql(Path root) {
        write(root, "db/schema.sql", "CREATE TABLE t (id bigint PRIMARY KEY);\n");
        write(root, "sql/001_init.sql", "CREATE TABLE t (id bigint PRIMARY KEY);\n");
        write(root, "sql/002_add_name.sql", "ALTER TABLE t ADD COLUMN name text;\n");
        write(root, "README.md", "# plain\n");
    }

    public static void rails(Path root) {
        write(root, "Gemfile", "source 'https://rubygems.org'\ngem 'rails', '~> 7.1'\ngem \"pg\", \"~> 1.5\"\n");
        write(root, "config/database.yml", "default: &default\n  adapter: postgresql\n  encoding: unicode\n");
        write(root, "db/migrate/20240101000000_create_users.rb", "class CreateUsers < ActiveRecord::Migration[7.1]\nend\n");
        write(root, "db/structure.sql", "CREATE TABLE public.users (id bigint NOT NULL);\n");
    }

    public static void supabase(Path root) {
        write(root, "package.json", "{\"dependencies\": {\"@supabase/supabase-js\": \"^2.39.0\"}}");
        write(root, "supabase/config.toml", "project_id = \"demo\"\n");
        write(root, "supabase/migrations/20240101000000_init.sql", "CREATE TABLE notes (id bigint PRIMARY KEY);\n");
        write(root, "supabase/schemas/notes.sql", "CREATE TABLE notes (id bigint PRIMARY KEY);\n");
    }

    public static void golangMigrate(Path root) {
        write(root, "go.mod", "module example.com/app\n\nrequire (\n\tgithub.com/golang-migrate/migrate/v4 v4.17.0\n"
                + "\tgithub.com/jackc/pgx/v5 v5.5.0\n)\n");
        write(root, "db/migrations/000001_create_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
        write(root, "db/migrations/000001_create_users.down.sql", "DROP TABLE users;\n");
    }

    public static void sqitch(Path root) {
        write(root, "sqitch.conf", "[core]\n\tengine = pg\n[engine \"pg\"]\n\ttarget = db:pg://app:pw@localhost/app\n");
        write(root, "sqitch.plan", "%project=app\n\nusers 2024-01-01T00:00:00Z Me <me@example.com> # users\n");
        write(root, "deploy/users.sql", "BEGIN; CREATE TABLE users (id int); COMMIT;\n");
        write(root, "revert/users.sql", "BEGIN; DROP TABLE users; COMMIT;\n");
        write(root, "verify/users.sql", "SELECT id FROM users WHERE false;\n");
    }

    public static void liquibase(Path root) {
        write(root, "liquibase.properties", "changeLogFile=db/changelog/db.changelog-master.yaml\n"
                + "url=jdbc:postgresql://localhost/app\nusername=app\npassword=pw\n");
        write(root, "db/changelog/db.changelog-master.yaml", "databaseChangeLog:\n  - include:\n      file: 001.sql\n");
        write(root, "db/changelog/001.sql", "--liquibase formatted sql\nCREATE TABLE a (id int);\n");
    }
}
