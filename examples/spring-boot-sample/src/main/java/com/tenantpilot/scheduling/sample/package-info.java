/**
 * A Spring Boot sample app embedding TenantPilot backup scheduling: auto-configured JDBC stores,
 * Graph client and engine, plus a REST API over the admin service.
 */
package com.tenantpilot.scheduling.sample;
