/**
 * Language models for the agent: which model ({@link io.schemapilot.agent.model.ModelSpec},
 * {@link io.schemapilot.agent.model.ModelSettings}), building it ({@link io.schemapilot.agent.model.ModelFactory}),
 * retrying it ({@link io.schemapilot.agent.model.RetryingChatModel}, {@link io.schemapilot.agent.model.RetryPolicy}),
 * its failures ({@link io.schemapilot.agent.model.ModelException}) and what it costs
 * ({@link io.schemapilot.agent.model.PriceTable}; the loop sums the tokens). The offline model lives elsewhere; the
 * loop lives above.
 */
package io.schemapilot.agent.model;
