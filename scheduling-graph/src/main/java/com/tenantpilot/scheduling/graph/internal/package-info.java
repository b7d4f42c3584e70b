/**
 * Code that is public for technical reasons only: not API, may change without notice.
 *
 * <p>It holds the pieces of {@link com.tenantpilot.scheduling.graph.SdkGraphClient}: the snapshot
 * reader, the failure reader, the per-tenant request budget and the OkHttp interceptors.
 */
package com.tenantpilot.scheduling.graph.internal;
