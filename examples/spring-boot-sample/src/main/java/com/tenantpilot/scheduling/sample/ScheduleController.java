package com.tenantpilot.scheduling.sample;

import com.tenantpilot.scheduling.service.ScheduleService;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The REST API over {@link ScheduleService}. Every path is scoped by tenant: a schedule or run of
 * another tenant is "not found". Actions that change state ({@code POST}) name the acting user in
 * the {@value #USER_HEADER} header, which the library writes into the audit log and uses to notify
 * the user when a Run now or Retry finishes.
 *
 * <p>Errors are mapped by {@link ApiExceptionHandler}.
 */
@RestController
@RequestMapping("/tenants/{tenantId}")
public class ScheduleController {

  /** The header naming the acting user. */
  public static final String USER_HEADER = "X-User";

  /** Default and upper bound of {@code GET .../runs?limit=}. */
  static final int DEFAULT_HISTORY = 50;
  static final int MAX_HISTORY = 500;
  /** Upper bound of {@code GET .../preview?count=}. */
  static final int MAX_PREVIEW = 100;

  private final ScheduleService service;

  /**
   * The controller over the auto-configured service.
   *
   * @param service the library's admin service
   */
  public ScheduleController(ScheduleService service) {
    this.service = service;
  }

  /**
   * Creates a schedule.
   *
   * @param tenantId the tenant
   * @param user the acting user
   * @param request the schedule's fields
   * @return the stored schedule, with its first {@code nextRunAt}; 201
   */
  @PostMapping("/schedules")
  @ResponseStatus(HttpStatus.CREATED)
  public ScheduleView create(@PathVariable String tenantId, @RequestHeader(USER_HEADER) String user,
      @RequestBody ScheduleRequest request) {
    long id = service.create(request.toInput(tenantId), requireUser(user)).id();
    // Read it back: create returns the instants as the clock gave them (nanoseconds), while the
    // store keeps microseconds, so a later GET would otherwise differ from this response.
    return ScheduleView.of(service.get(tenantId, id));
  }

  /**
   * The tenant's schedules.
   *
   * @param tenantId the tenant
   * @return every schedule of the tenant
   */
  @GetMapping("/schedules")
  public List<ScheduleView> list(@PathVariable String tenantId) {
    return service.list(tenantId).stream().map(ScheduleView::of).toList();
  }

  /**
   * One schedule.
   *
   * @param tenantId the tenant
   * @param id the schedule id
   * @return the schedule; 404 if the tenant has no such schedule
   */
  @GetMapping("/schedules/{id}")
  public ScheduleView get(@PathVariable String tenantId, @PathVariable long id) {
    return ScheduleView.of(service.get(tenantId, id));
  }

  /**
   * The schedule's next slots, with notes on DST gaps and overlaps.
   *
   * @param tenantId the tenant
   * @param id the schedule id
   * @param count how many slots, 1..{@value #MAX_PREVIEW} (default 5)
   * @return the slots from now
   */
  @GetMapping("/schedules/{id}/preview")
  public List<SlotView> preview(@PathVariable String tenantId, @PathVariable long id,
      @RequestParam(defaultValue = "5") int count) {
    if (count < 1 || count > MAX_PREVIEW) {
      throw new BadRequestException("count must be in 1.." + MAX_PREVIEW + ", was " + count);
    }
    return service.preview(tenantId, id, count).stream().map(SlotView::of).toList();
  }

  /**
   * "Run now": queues a manual run for the current minute (a second click in the same minute
   * returns the same run).
   *
   * @param tenantId the tenant
   * @param id the schedule id
   * @param user the acting user
   * @return the queued run; 202
   */
  @PostMapping("/schedules/{id}/run-now")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public RunView runNow(@PathVariable String tenantId, @PathVariable long id,
      @RequestHeader(USER_HEADER) String user) {
    return RunView.of(service.runNow(tenantId, id, requireUser(user)));
  }

  /**
   * The schedule's runs, newest slot first.
   *
   * @param tenantId the tenant
   * @param id the schedule id
   * @param limit at most this many, 1..{@value #MAX_HISTORY} (default {@value #DEFAULT_HISTORY})
   * @return the runs; 404 if the tenant has no such schedule
   */
  @GetMapping("/schedules/{id}/runs")
  public List<RunView> history(@PathVariable String tenantId, @PathVariable long id,
      @RequestParam(defaultValue = "" + DEFAULT_HISTORY) int limit) {
    if (limit < 1 || limit > MAX_HISTORY) {
      throw new BadRequestException("limit must be in 1.." + MAX_HISTORY + ", was " + limit);
    }
    service.get(tenantId, id); // 404 for another tenant's or a deleted schedule, not an empty list
    return service.history(tenantId, id, limit).stream().map(RunView::of).toList();
  }

  /**
   * Retries a FAILED or PARTIAL run.
   *
   * @param tenantId the tenant
   * @param runId the run to retry
   * @param user the acting user
   * @return the retry run; 202; 409 if the run is in another state
   */
  @PostMapping("/runs/{runId}/retry")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public RunView retry(@PathVariable String tenantId, @PathVariable long runId,
      @RequestHeader(USER_HEADER) String user) {
    return RunView.of(service.retry(tenantId, runId, requireUser(user)));
  }

  /**
   * Cancels a QUEUED run.
   *
   * @param tenantId the tenant
   * @param runId the run
   * @param user the acting user
   * @return the canceled run; 409 if it is no longer QUEUED
   */
  @PostMapping("/runs/{runId}/cancel")
  public RunView cancel(@PathVariable String tenantId, @PathVariable long runId,
      @RequestHeader(USER_HEADER) String user) {
    return RunView.of(service.cancel(tenantId, runId, requireUser(user)));
  }

  private static String requireUser(String user) {
    if (user == null || user.isBlank()) {
      throw new BadRequestException("the " + USER_HEADER + " header must name the acting user");
    }
    return user.strip();
  }
}
