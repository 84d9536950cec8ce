--
-- PostgreSQL database dump
--

\restrict abc123XYZ

-- Dumped from database version 16.4
-- Dumped by pg_dump version 16.4

SET statement_timeout = 0;
SET lock_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET client_min_messages = warning;
SET row_security = off;

CREATE DATABASE shop WITH TEMPLATE = template0 ENCODING = 'UTF8';
\connect shop

CREATE TYPE public.order_status AS ENUM (
    'new',
    'paid',
    'shipped'
);

ALTER TYPE public.order_status OWNER TO shop_owner;

CREATE FUNCTION public.touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.updated_at := now();  -- a ; inside a body
    RETURN NEW;
END;
$$;

CREATE TABLE public.customers (
    id bigint NOT NULL,
    email character varying(120) NOT NULL,
    name text,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE public.customers OWNER TO shop_owner;

CREATE SEQUENCE public.customers_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.customers_id_seq OWNED BY public.customers.id;

CREATE TABLE public.orders (
    id bigint NOT NULL,
    customer_id bigint NOT NULL,
    status public.order_status DEFAULT 'new'::public.order_status NOT NULL,
    note text
);

ALTER TABLE ONLY public.customers ALTER COLUMN id SET DEFAULT nextval('public.customers_id_seq'::regclass);

COPY public.customers (id, email, name, updated_at) FROM stdin;
1	ada@example.com	Ada Lovelace	2024-01-01 10:00:00+00
2	bob@example.com	\N	2024-01-02 11:30:00+00
3	eve@example.com	Eve; not a statement	2024-01-03 12:00:00+00
\.

COPY public.orders (id, customer_id, status, note) FROM stdin;
10	1	paid	first order
11	1	new	CREATE TABLE not_a_table (x int);
12	2	shipped	\N
\.

SELECT pg_catalog.setval('public.customers_id_seq', 3, true);

ALTER TABLE ONLY public.customers
    ADD CONSTRAINT customers_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_pkey PRIMARY KEY (id);

CREATE UNIQUE INDEX customers_email_key ON public.customers USING btree (lower((email)::text));

CREATE TRIGGER customers_touch BEFORE UPDATE ON public.customers FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);

GRANT SELECT ON TABLE public.orders TO reporting;

\unrestrict abc123XYZ

--
-- PostgreSQL database dump complete
--
