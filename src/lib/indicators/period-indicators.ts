/**
 * The report's period indicators (flow, outcomes, capability, care) for a list of periods:
 * the Übersicht asks for the chosen period and the previous one, the report command for
 * one. Each family is one statement for all the periods, so the comparison costs hardly more.
 */
import type { Engine } from '../data/engine';
import { bfErhoehung, capabilityCounts, ermoeglichungsquote, teilhabeErhoehung } from './capability';
import { betreuungsschluessel, kontaktdichte } from './care';
import type { Ctx } from './context';
import { flowReport, jobcenterFlows, periodFlows } from './flow';
import { jobcenterStock } from './jobcenter-stock';
import { outcomeGroups } from './outcome-groups';
import { exitReasonsReport, integrationShare, integrationsquote } from './outcomes';
import type { Period, Report } from './types';

export type PeriodIndicators = Pick<
	Report,
	| 'flow'
	| 'exit_reasons'
	| 'outcome_groups'
	| 'integrationsquote'
	| 'integration_share'
	| 'ermoeglichungsquote'
	| 'bf_erhoehung'
	| 'teilhabe_erhoehung'
	| 'kontaktdichte'
	| 'betreuungsschluessel'
>;

/** One entry per period, in the order given; `ctx.period` is not read. */
export async function periodIndicators(
	engine: Engine,
	ctx: Ctx,
	periods: Period[],
	outcomeGrouping?: Record<string, string>
): Promise<PeriodIndicators[]> {
	const k = ctx.k;
	// Asked at once: the page reads one answer while the worker runs the next statement.
	const [flows, capability, stock] = await Promise.all([periodFlows(engine, ctx, periods), capabilityCounts(engine, ctx, periods), jobcenterStock(engine, ctx, periods)]);
	// The caseload's own stock is needed only where there is staff to divide by.
	const caseload = stock?.some((s) => s.fte !== null && s.fte > 0) ? await jobcenterFlows(engine, ctx, periods, flows) : null;
	const out: PeriodIndicators[] = [];
	for (const [i, { flow, exitCounts, contacts }] of flows.entries()) {
		out.push({
			flow: flowReport(flow, ctx),
			exit_reasons: exitReasonsReport(exitCounts, k),
			outcome_groups: outcomeGroups(exitCounts, k, outcomeGrouping),
			integrationsquote: integrationsquote(exitCounts, flow.stock_avg, k),
			integration_share: integrationShare(exitCounts, k),
			ermoeglichungsquote: ermoeglichungsquote(capability[i].starts, stock?.[i].elb ?? null, flow.stock_avg, k),
			bf_erhoehung: bfErhoehung(capability[i], k),
			teilhabe_erhoehung: await teilhabeErhoehung(engine, capability[i], k),
			kontaktdichte: await kontaktdichte(engine, contacts, k),
			betreuungsschluessel: stock && caseload ? betreuungsschluessel(stock[i].fte, caseload[i].flow.stock_avg, k) : null
		});
	}
	return out;
}
