namespace Recurrent.Forecasting;

/// <summary>
/// How close forecasts came, averaged over the evaluated windows (<see cref="ForecastMetrics"/> has the equations).
/// MASE is NaN when a series' in-sample seasonal-naive error is 0 (a constant history).
/// </summary>
/// <param name="Mae">Mean absolute error, in the series' units.</param>
/// <param name="Rmse">Root mean squared error over every forecast value, in the series' units.</param>
/// <param name="Smape">Symmetric mean absolute percentage error, in percent (0 … 200), M4's definition.</param>
/// <param name="Mase">Mean absolute scaled error: the mean over windows of MAE / in-sample seasonal-naive
/// MAE.</param>
public sealed record ForecastScores(double Mae, double Rmse, double Smape, double Mase);
