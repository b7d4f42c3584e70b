/**
 * Implementation details of the JDBC adapter: the SQL dialects, time source, JSON codec, row
 * mapping and error translation. Public only for technical reasons; not API, may change without
 * notice.
 */
package com.tenantpilot.scheduling.jdbc.internal;
