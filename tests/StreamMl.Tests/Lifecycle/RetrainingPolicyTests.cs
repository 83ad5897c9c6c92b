using StreamMl.Core.Lifecycle;
using StreamMl.Core.Spec;
using Xunit;

namespace StreamMl.Tests.Lifecycle;

public sealed class RetrainingPolicyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The defaults: drift, count (every 5,000) and operator; debounce 5 s; cool-down 60 s.</summary>
    private static readonly RetrainingSpec Defaults = new();

    private static DateTimeOffset S(double seconds) => T0.AddSeconds(seconds);

    private static RetrainingTrigger Drift(double at, string alarm = "a1") => new(RetrainingTriggerKind.Drift, alarm, $"alarm {alarm}", S(at));
    private static RetrainingTrigger Operator(double at) => new(RetrainingTriggerKind.Operator, null, "requested", S(at));
    private static RetrainingTrigger Count(double at) => new(RetrainingTriggerKind.Count, null, "count", S(at));
    private static RetrainingTrigger Schedule(double at) => new(RetrainingTriggerKind.Schedule, null, "schedule", S(at));
    private static Tick Tick(double at) => new(S(at));

    private static RetrainingPolicy Policy(RetrainingSpec? spec = null, long labelled = 0) => new(spec ?? Defaults, T0, labelled);

    [Fact]
    public void A_trigger_starts_a_run_when_its_debounce_ends()
    {
        var policy = Policy();
        var drift = Drift(10);

        Assert.Null(policy.Handle(drift));
        Assert.Equal(S(15), policy.NextDecisionAt);
        Assert.Equal(new PendingRun(drift, [], S(15)), policy.Pending);
        Assert.Null(policy.Handle(Tick(14.999)));

        var decision = policy.Handle(Tick(15));

        Assert.NotNull(decision);
        Assert.Same(drift, decision.Trigger);
        Assert.Empty(decision.Merged);
        Assert.True(policy.IsRunning);
        Assert.Null(policy.Pending);
        Assert.Null(policy.NextDecisionAt);
    }

    [Fact]
    public void Triggers_in_the_debounce_window_are_merged_into_one_run()
    {
        var policy = Policy();
        var first = Drift(10, "a1");
        var second = Drift(12, "a2");
        var third = Drift(14.9, "a3");

        policy.Handle(first);
        policy.Handle(second);
        policy.Handle(third);
        var decision = policy.Handle(Tick(15))!;

        Assert.Same(first, decision.Trigger);
        Assert.Equal([second, third], decision.Merged);
        // The window is not stretched by later triggers.
        Assert.Null(policy.Handle(Tick(20)));
    }

    [Fact]
    public void A_drift_alarm_takes_precedence_over_an_earlier_count_trigger()
    {
        var policy = Policy();
        var count = Count(10);
        var drift = Drift(11);

        policy.Handle(count);
        policy.Handle(drift);
        var decision = policy.Handle(Tick(15))!;

        Assert.Same(drift, decision.Trigger);
        Assert.Equal([count], decision.Merged);
    }

    [Fact]
    public void An_operator_request_takes_precedence_over_an_earlier_schedule_and_the_first_of_drift_and_operator_leads()
    {
        var spec = Defaults with { Triggers = ["schedule", "drift"], ScheduleMinutes = 60 };
        var policy = Policy(spec);
        var schedule = Schedule(10);
        var op = Operator(11);
        var drift = Drift(12);

        policy.Handle(schedule);
        policy.Handle(op);
        policy.Handle(drift);
        var decision = policy.Handle(Tick(15))!;

        Assert.Same(op, decision.Trigger);
        Assert.Equal([schedule, drift], decision.Merged);
    }

    [Fact]
    public void Triggers_the_spec_does_not_list_are_ignored_but_an_operator_is_always_heard()
    {
        var policy = Policy(Defaults with { Triggers = ["count"] });

        Assert.False(policy.IsEnabled(RetrainingTriggerKind.Drift));
        Assert.False(policy.IsEnabled(RetrainingTriggerKind.Schedule));
        Assert.True(policy.IsEnabled(RetrainingTriggerKind.Operator));
        Assert.Null(policy.Handle(Drift(1)));
        Assert.Null(policy.Handle(Schedule(2)));
        Assert.Null(policy.Pending);
        Assert.Null(policy.Handle(Tick(100)));

        var op = Operator(101);
        policy.Handle(op);
        Assert.Same(op, policy.Handle(Tick(106))!.Trigger);
    }

    [Fact]
    public void A_trigger_during_a_run_waits_for_it_to_finish_and_for_the_cool_down()
    {
        var policy = Policy();
        policy.Handle(Drift(0));
        Assert.NotNull(policy.Handle(Tick(5)));

        var drift = Drift(20, "a2");
        Assert.Null(policy.Handle(drift));
        Assert.Null(policy.Handle(Tick(25)));
        Assert.Null(policy.NextDecisionAt);      // nothing but the run's end can move it
        Assert.Equal(S(25), policy.Pending!.DebounceEndsAt);

        Assert.Null(policy.Handle(new TrainingFinished(S(100))));
        Assert.False(policy.IsRunning);
        Assert.Equal(S(160), policy.NextDecisionAt);
        Assert.Null(policy.Handle(Tick(159)));
        var decision = policy.Handle(Tick(160));

        Assert.Same(drift, decision!.Trigger);
    }

    [Fact]
    public void The_cool_down_holds_a_trigger_after_a_finished_run_even_when_its_debounce_has_ended()
    {
        var policy = Policy();
        policy.Handle(new TrainingStarted(S(0)));
        policy.Handle(new TrainingFinished(S(30)));

        policy.Handle(Drift(40));

        Assert.Equal(S(90), policy.NextDecisionAt);
        Assert.Null(policy.Handle(Tick(45)));
        Assert.Null(policy.Handle(Tick(89)));
        Assert.NotNull(policy.Handle(Tick(90)));
    }

    [Fact]
    public void A_trigger_long_after_the_cool_down_only_waits_for_its_debounce()
    {
        var policy = Policy();
        policy.Handle(new TrainingStarted(S(0)));
        policy.Handle(new TrainingFinished(S(30)));

        policy.Handle(Drift(500));

        Assert.Equal(S(505), policy.NextDecisionAt);
        Assert.NotNull(policy.Handle(Tick(505)));
    }

    [Fact]
    public void An_operator_request_skips_the_cool_down()
    {
        var policy = Policy();
        policy.Handle(new TrainingStarted(S(0)));
        policy.Handle(new TrainingFinished(S(30)));

        var op = Operator(31);
        policy.Handle(op);

        Assert.Equal(S(36), policy.NextDecisionAt);
        Assert.Same(op, policy.Handle(Tick(36))!.Trigger);
    }

    [Fact]
    public void An_operator_request_merged_into_a_run_held_by_the_cool_down_releases_it()
    {
        var policy = Policy();
        policy.Handle(new TrainingStarted(S(0)));
        policy.Handle(new TrainingFinished(S(30)));
        var drift = Drift(31);
        policy.Handle(drift);
        Assert.Null(policy.Handle(Tick(36)));   // debounce over, cool-down until 90

        var op = Operator(40);
        var decision = policy.Handle(op);

        Assert.NotNull(decision);
        Assert.Same(drift, decision.Trigger);   // the first of drift and operator leads
        Assert.Equal([op], decision.Merged);
    }

    [Fact]
    public void An_operator_request_does_not_skip_a_run_in_progress()
    {
        var policy = Policy();
        policy.Handle(new TrainingStarted(S(0)));
        var op = Operator(10);

        Assert.Null(policy.Handle(op));
        Assert.Null(policy.Handle(Tick(15)));
        Assert.Null(policy.Handle(Tick(1000)));

        // It starts as soon as the run finishes: its debounce is long over and it skips the cool-down.
        var decision = policy.Handle(new TrainingFinished(S(1001)));
        Assert.Same(op, decision!.Trigger);
    }

    [Fact]
    public void A_decision_counts_as_a_run_in_progress()
    {
        var policy = Policy();
        policy.Handle(Drift(0));
        Assert.NotNull(policy.Handle(Tick(5)));

        policy.Handle(Operator(6));
        Assert.Null(policy.Handle(Tick(11)));
        Assert.Null(policy.Handle(new TrainingStarted(S(12))));   // the owner's confirmation changes nothing
        Assert.True(policy.IsRunning);
        Assert.NotNull(policy.Handle(new TrainingFinished(S(50))));
    }

    [Fact]
    public void Triggers_while_a_run_waits_are_merged_into_it()
    {
        var policy = Policy();
        policy.Handle(new TrainingStarted(S(0)));
        var first = Drift(10, "a1");
        policy.Handle(first);
        var late = Drift(100, "a2");    // long after the debounce window closed, but before the run could start
        policy.Handle(late);

        var decision = policy.Handle(new TrainingFinished(S(110)));
        Assert.Null(decision);
        decision = policy.Handle(Tick(170));

        Assert.Same(first, decision!.Trigger);
        Assert.Equal([late], decision.Merged);
    }

    [Fact]
    public void The_count_trigger_fires_after_every_labelled_examples_since_the_last_run_started()
    {
        var policy = Policy(Defaults with { EveryLabelledExamples = 1000 }, labelled: 200);

        Assert.Null(policy.Handle(new LabelledExamplesSeen(1199, S(1))));
        Assert.Null(policy.Pending);
        Assert.Null(policy.Handle(new LabelledExamplesSeen(1200, S(2))));
        var pending = policy.Pending!;
        Assert.Equal(RetrainingTriggerKind.Count, pending.Trigger.Kind);
        Assert.Equal("1000 labelled examples since the last run started", pending.Trigger.Detail);
        Assert.Equal(S(2), pending.Trigger.At);

        // It fires once: more examples while the run waits add nothing.
        policy.Handle(new LabelledExamplesSeen(1900, S(3)));
        policy.Handle(new LabelledExamplesSeen(2300, S(4)));
        var decision = policy.Handle(Tick(7))!;
        Assert.Equal(RetrainingTriggerKind.Count, decision.Trigger.Kind);
        Assert.Empty(decision.Merged);

        // The run started with 2,300 seen: the next fires at 3,300, even while it is in progress.
        Assert.Null(policy.Handle(new LabelledExamplesSeen(3299, S(8))));
        Assert.Null(policy.Pending);
        Assert.Null(policy.Handle(new LabelledExamplesSeen(3300, S(9))));
        Assert.NotNull(policy.Pending);
        policy.Handle(new TrainingFinished(S(10)));
        Assert.NotNull(policy.Handle(Tick(70)));
    }

    [Fact]
    public void A_run_reported_started_resets_the_count()
    {
        var policy = Policy(Defaults with { EveryLabelledExamples = 1000 });
        policy.Handle(new LabelledExamplesSeen(900, S(1)));
        policy.Handle(new TrainingStarted(S(2)));

        Assert.Null(policy.Handle(new LabelledExamplesSeen(1500, S(3))));
        Assert.Null(policy.Pending);
        policy.Handle(new LabelledExamplesSeen(1900, S(4)));
        Assert.NotNull(policy.Pending);
    }

    [Fact]
    public void Without_the_count_trigger_labelled_examples_start_nothing()
    {
        var policy = Policy(Defaults with { Triggers = ["drift"], EveryLabelledExamples = 10 });
        for (var i = 1; i <= 100; i++) Assert.Null(policy.Handle(new LabelledExamplesSeen(i * 100, S(i))));
        Assert.Null(policy.Pending);
    }

    [Fact]
    public void A_count_that_went_back_counts_afresh_from_there()
    {
        var policy = Policy(Defaults with { EveryLabelledExamples = 1000 }, labelled: 5000);
        policy.Handle(new LabelledExamplesSeen(10, S(1)));
        Assert.Null(policy.Pending);
        policy.Handle(new LabelledExamplesSeen(1010, S(2)));
        Assert.NotNull(policy.Pending);
    }

    [Fact]
    public void The_schedule_fires_every_schedule_minutes()
    {
        var policy = Policy(Defaults with { Triggers = ["schedule"], ScheduleMinutes = 10, CooldownSeconds = 0 });

        Assert.Equal(S(600), policy.NextDecisionAt);
        Assert.Null(policy.Handle(Tick(599)));
        Assert.Null(policy.Handle(Tick(600)));
        var pending = policy.Pending!;
        Assert.Equal(RetrainingTriggerKind.Schedule, pending.Trigger.Kind);
        Assert.Equal("scheduled every 10 min", pending.Trigger.Detail);
        Assert.Equal(S(605), policy.NextDecisionAt);
        Assert.Equal(RetrainingTriggerKind.Schedule, policy.Handle(Tick(605))!.Trigger.Kind);

        // While the run is in progress, only the schedule can bring a tick.
        Assert.Equal(S(1200), policy.NextDecisionAt);
        policy.Handle(new TrainingFinished(S(700)));
        Assert.Null(policy.Handle(Tick(1199)));
        Assert.Null(policy.Handle(Tick(1200)));
        Assert.NotNull(policy.Handle(Tick(1205)));
    }

    [Fact]
    public void Missed_schedule_times_give_one_trigger()
    {
        var policy = Policy(Defaults with { Triggers = ["schedule"], ScheduleMinutes = 1 });

        policy.Handle(Tick(60 * 5 + 30));   // 5½ periods late

        var pending = policy.Pending!;
        Assert.Empty(pending.Merged);
        Assert.Equal(S(335), policy.NextDecisionAt);   // the debounce ends before the next period (360 s, on the original grid)
        policy.Handle(Tick(335));
        Assert.True(policy.IsRunning);
        Assert.Equal(S(360), policy.NextDecisionAt);
    }

    [Fact]
    public void Scheduled_minutes_without_the_schedule_trigger_fire_nothing()
    {
        var policy = Policy(Defaults with { ScheduleMinutes = 1 });
        Assert.Null(policy.NextDecisionAt);
        Assert.Null(policy.Handle(Tick(3600)));
        Assert.Null(policy.Pending);
    }

    [Fact]
    public void With_no_debounce_a_trigger_starts_at_once()
    {
        var policy = Policy(Defaults with { DebounceSeconds = 0 });
        var drift = Drift(3);

        Assert.Same(drift, policy.Handle(drift)!.Trigger);
    }

    [Fact]
    public void With_no_cool_down_the_next_run_starts_when_the_last_finishes()
    {
        var policy = Policy(Defaults with { CooldownSeconds = 0 });
        policy.Handle(new TrainingStarted(S(0)));
        policy.Handle(Drift(1));

        Assert.NotNull(policy.Handle(new TrainingFinished(S(10))));
    }

    [Fact]
    public void An_input_dated_before_an_earlier_one_happens_at_the_later_time()
    {
        var policy = Policy();
        policy.Handle(Tick(100));
        policy.Handle(Drift(50));

        Assert.Equal(S(105), policy.NextDecisionAt);
        Assert.Null(policy.Handle(Tick(60)));
        Assert.NotNull(policy.Handle(Tick(105)));
    }

    [Fact]
    public void The_same_inputs_give_the_same_decisions()
    {
        var spec = Defaults with { Triggers = ["drift", "count", "schedule"], ScheduleMinutes = 2, EveryLabelledExamples = 300 };
        var random = new Random(7);
        var inputs = new List<RetrainingInput>();
        var t = 0.0;
        for (var i = 0; i < 2000; i++)
        {
            t += random.NextDouble() * 3;
            inputs.Add(random.Next(6) switch
            {
                0 => Drift(t, $"a{i}"),
                1 => Operator(t),
                2 => new LabelledExamplesSeen(i * 10, S(t)),
                3 => new TrainingFinished(S(t)),
                _ => Tick(t),
            });
        }

        List<StartTraining?> Run()
        {
            var policy = Policy(spec);
            return inputs.Select(policy.Handle).ToList();
        }

        var first = Run();
        var second = Run();
        Assert.Equal(first.Select(d => d?.Trigger), second.Select(d => d?.Trigger));
        Assert.Equal(first.Select(d => d?.Merged.Count), second.Select(d => d?.Merged.Count));
        Assert.Contains(first, d => d is not null);
    }

    [Fact]
    public void Runs_never_overlap_and_respect_the_cool_down_in_a_random_stream()
    {
        var spec = Defaults with { Triggers = ["drift", "count", "schedule"], ScheduleMinutes = 3, EveryLabelledExamples = 500, DebounceSeconds = 5, CooldownSeconds = 60 };
        var policy = Policy(spec);
        var random = new Random(11);
        var running = false;
        DateTimeOffset? lastFinished = null;
        var t = 0.0;
        var starts = 0;
        for (var i = 0; i < 5000; i++)
        {
            t += random.NextDouble() * 4;
            RetrainingInput input = random.Next(8) switch
            {
                0 => Drift(t),
                1 => Operator(t),
                2 => new LabelledExamplesSeen(i * 20, S(t)),
                3 when running => new TrainingFinished(S(t)),
                _ => Tick(t),
            };
            if (input is TrainingFinished) { running = false; lastFinished = S(t); }
            var decision = policy.Handle(input);
            if (decision is null) continue;
            starts++;
            Assert.False(running, $"a run started at {t} while another was in progress");
            var skipsCooldown = decision.Trigger.Kind == RetrainingTriggerKind.Operator || decision.Merged.Any(m => m.Kind == RetrainingTriggerKind.Operator);
            if (!skipsCooldown && lastFinished is { } finished) Assert.True(S(t) >= finished.AddSeconds(60), $"a run started at {t} in the cool-down");
            Assert.True(S(t) >= decision.Trigger.At.AddSeconds(5) || decision.Merged.Any(m => S(t) >= m.At.AddSeconds(5)), "the debounce was skipped");
            running = true;
        }
        Assert.True(starts > 10, $"{starts} runs");
    }
}
