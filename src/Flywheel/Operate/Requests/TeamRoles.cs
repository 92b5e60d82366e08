namespace Flywheel.Operate.Requests;

/// <summary>One of the team's roles: a stable id, its English and Japanese names, and what it does.</summary>
public sealed record TeamRole(string Id, string English, string Japanese, string Does);

/// <summary>
/// The 18 roles of a product team that runs ML (the seed's "understand" module): who a request can be addressed to.
/// These are people's jobs, not the server's access roles (<see cref="Access.Roles"/>: viewer … admin), which decide
/// what a key or account may do. Source: aws-samples/aws-ml-enablement-workshop, docs/introduction.md (the table of
/// 18 roles mapped onto the DevOps/MLOps process; English name, Japanese name, role).
/// </summary>
public static class TeamRoles
{
    public static readonly TeamRole ProductManager = new("product-manager", "Product Manager", "プロダクトマネージャー", "defines the software features that improve the user experience");
    public static readonly TeamRole BusinessAnalyst = new("business-analyst", "Business Analyst", "ビジネスアナリスト", "defines the business problem to solve");
    public static readonly TeamRole DataAnalyst = new("data-analyst", "Data Analyst", "データアナリスト", "finds the problem in figures by visualising and analysing data");
    public static readonly TeamRole Architect = new("architect", "Architect", "アーキテクト", "designs the software architecture as a whole");
    public static readonly TeamRole DevOpsEngineer = new("devops-engineer", "DevOps Engineer", "DevOpsエンジニア", "automates the software's build and operation");
    public static readonly TeamRole SoftwareEngineer = new("software-engineer", "Software Engineer", "ソフトウェアエンジニア", "develops the software");
    public static readonly TeamRole Operator = new("operator", "Operator", "業務担当者", "does the work with the software");
    public static readonly TeamRole SystemAdmin = new("system-admin", "System Admin", "システム管理者", "watches how the service behaves");
    public static readonly TeamRole ItAuditor = new("it-auditor", "IT Auditor", "IT監督者", "manages permissions and audits systems and the company");
    public static readonly TeamRole DataArchitect = new("data-architect", "Data Architect", "データアーキテクト", "designs and runs the platform that holds the data");
    public static readonly TeamRole DomainExpert = new("domain-expert", "Domain Expert", "業務有識者", "knows the business deeply and defines what the data means and should be");
    public static readonly TeamRole DataEngineer = new("data-engineer", "Data Engineer", "データエンジニア", "makes the data and features a model can take");
    public static readonly TeamRole DataScientist = new("data-scientist", "Data Scientist", "データサイエンティスト", "develops the ML model");
    public static readonly TeamRole MlEngineer = new("ml-engineer", "ML Engineer", "機械学習エンジニア", "turns the model into something deployable to production");
    public static readonly TeamRole MlOperator = new("ml-operator", "ML Operator", "業務担当者(機械学習側)", "works from the model's predictions and gives feedback");
    public static readonly TeamRole ModelRiskManager = new("model-risk-manager", "Model Risk Manager", "機械学習モデルリスク管理者", "watches how the model's predictions behave");
    public static readonly TeamRole MlOpsEngineer = new("mlops-engineer", "MLOps Engineer", "MLOpsエンジニア", "automates the model's development and operation");
    public static readonly TeamRole AiMlArchitect = new("ai-ml-architect", "AI/ML Architect", "AI/MLアーキテクト", "designs the architecture ML development needs");

    public static IReadOnlyList<TeamRole> All { get; } =
    [
        ProductManager, BusinessAnalyst, DataAnalyst, Architect, DevOpsEngineer, SoftwareEngineer, Operator, SystemAdmin, ItAuditor,
        DataArchitect, DomainExpert, DataEngineer, DataScientist, MlEngineer, MlOperator, ModelRiskManager, MlOpsEngineer, AiMlArchitect,
    ];

    /// <summary>
    /// The role an owner string names: an id (<c>domain-expert</c>), an English name in any case and spacing
    /// (<c>domain expert</c>, <c>Domain_Expert</c> — the findings' and flywheel.yaml's owners), or a Japanese name.
    /// </summary>
    public static TeamRole? Find(string? owner)
    {
        if (string.IsNullOrWhiteSpace(owner)) return null;
        var key = Key(owner);
        return All.FirstOrDefault(role => role.Id == key || Key(role.English) == key || role.Japanese == owner.Trim());
    }

    /// <summary>The role named, or an error naming <paramref name="field"/> and the roles there are.</summary>
    public static TeamRole Parse(string? owner, string field = "role") =>
        Find(owner) ?? throw new InputException($"'{owner}' is not a team role; the roles are {string.Join(", ", All.Select(r => r.Id))}", field);

    // "Model risk Manager", "model_risk_manager", "AI/ML Architect" → "model-risk-manager", "ai-ml-architect".
    private static string Key(string text) =>
        string.Join('-', text.Trim().ToLowerInvariant().Split([' ', '_', '-', '/'], StringSplitOptions.RemoveEmptyEntries));
}
